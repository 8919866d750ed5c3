package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A security contact's roles or methods changed; both versions are kept for the audit trail. */
@JsonTypeName("contact-updated.v1")
public record ContactUpdated(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    Actor actor,
    Contact before,
    Contact after,
    List<String> notifyEmails)
    implements Event {
  public ContactUpdated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.present(actor, "actor");
    Require.present(before, "before");
    Require.present(after, "after");
    notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
