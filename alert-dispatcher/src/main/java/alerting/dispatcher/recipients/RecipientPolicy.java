package alerting.dispatcher.recipients;

import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is alerted directly: a security concern reaches every Primary Security and Primary IT
 * contact, and the CIO/CISO only when it is critical; a product recommendation reaches nobody
 * directly (it is an in-product notice). A person holding several roles is alerted once, on their
 * methods in the tenant's order unless verification drills say where to start ({@link #ladder}).
 */
public final class RecipientPolicy {
  private RecipientPolicy() {}

  public static List<Contact> recipients(IncidentRaised incident, TenantContacts tenant) {
    if (incident.kind() != IncidentKind.SECURITY_CONCERN) {
      return List.of();
    }
    return tenant.contacts().stream()
        .filter(c -> !c.methods().isEmpty())
        .filter(
            c ->
                c.roles().contains(ContactRole.PRIMARY_SECURITY)
                    || c.roles().contains(ContactRole.PRIMARY_IT)
                    || (c.roles().contains(ContactRole.CIO_CISO)
                        && incident.severity() == Severity.CRITICAL))
        .toList();
  }

  /**
   * The order in which an alert tries the contact's methods: as the tenant listed them, or, with
   * {@code alerting.dispatcher.recipients.start-with-verified}, starting with the first method on
   * the channel the contact most recently confirmed in a verification drill (the others keep their
   * order after it). A channel whose latest drill failed is not started with.
   */
  public static List<ContactMethod> ladder(Contact contact, Optional<Channel> verifiedFirst) {
    var methods = contact.methods();
    if (verifiedFirst.isEmpty()) {
      return methods;
    }
    var first =
        methods.stream().filter(m -> m.channel() == verifiedFirst.get()).findFirst().orElse(null);
    if (first == null || first == methods.get(0)) {
      return methods;
    }
    var ladder = new ArrayList<ContactMethod>(methods.size());
    ladder.add(first);
    methods.stream().filter(m -> m != first).forEach(ladder::add);
    return List.copyOf(ladder);
  }
}
