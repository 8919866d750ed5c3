package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A security contact was added. {@code notifyEmails} lists the email addresses the change must be
 * announced to (tenant admins, security contacts, the person added), fixed at commit time.
 */
@JsonTypeName("contact-added.v1")
public record ContactAdded(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    Actor actor,
    Contact contact,
    List<String> notifyEmails)
    implements Event {
  public ContactAdded {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.present(actor, "actor");
    Require.present(contact, "contact");
    notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
