package alerting.dispatcher.recipients;

import alerting.events.Contact;
import alerting.events.ContactRole;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import java.util.List;

/**
 * Who is alerted directly: a security concern reaches every Primary Security and Primary IT
 * contact, and the CIO/CISO only when it is critical; a product recommendation reaches nobody
 * directly (it is an in-product notice). A person holding several roles is alerted once.
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
}
