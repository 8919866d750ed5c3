package alerting.contacts.securitycontacts;

import alerting.contacts.tenants.People;
import alerting.contacts.tenants.Tenants;
import alerting.events.TenantAdmin;
import alerting.events.TenantContacts;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds a tenant's snapshot from the store; called inside the changing transaction. */
@Component
class TenantSnapshots {
  private final Tenants tenants;
  private final SecurityContacts contacts;
  private final People people;

  TenantSnapshots(Tenants tenants, SecurityContacts contacts, People people) {
    this.tenants = tenants;
    this.contacts = contacts;
    this.people = people;
  }

  TenantContacts current(String tenantId, Instant now) {
    var tenant = tenants.require(tenantId);
    var admins =
        people.admins(tenantId).stream()
            .map(p -> new TenantAdmin(p.personId(), p.displayName(), p.email()))
            .toList();
    return new TenantContacts(
        UUID.randomUUID(),
        now,
        tenant.tenantId(),
        tenant.name(),
        tenant.version(),
        contacts.ofTenant(tenantId),
        admins);
  }
}
