package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The full, current contact list of one tenant; the latest one per tenant is all that matters. */
@JsonTypeName("tenant-contacts.v1")
public record TenantContacts(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    long version,
    List<Contact> contacts,
    List<TenantAdmin> admins)
    implements Event {
  public TenantContacts {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(tenantName, "tenantName");
    contacts = List.copyOf(Require.present(contacts, "contacts"));
    admins = admins == null ? List.of() : List.copyOf(admins);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
