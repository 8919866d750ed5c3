package alerting.contacts.tenants;

import alerting.contacts.system.ContactServiceSettings;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the local default with a tenant to try things on: Acme Corp, whose admin is Grace and
 * whose user is Ada. Does nothing when switched off or when Acme is already there.
 */
@Component
class DemoTenant implements ApplicationRunner {
  static final String TENANT = "acme";
  private final ContactServiceSettings settings;
  private final Tenants tenants;
  private final People people;

  DemoTenant(ContactServiceSettings settings, Tenants tenants, People people) {
    this.settings = settings;
    this.tenants = tenants;
    this.people = people;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (!settings.demoTenant().enabled() || !tenants.create(TENANT, "Acme Corp")) {
      return;
    }
    people.add(new Person("grace", TENANT, "Grace Hopper", "grace@acme.example", true, true));
    people.add(new Person("ada", TENANT, "Ada Lovelace", "ada@acme.example", false, true));
  }
}
