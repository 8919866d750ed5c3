package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person is no longer a security contact of the tenant (all their roles were removed). */
@JsonTypeName("contact-removed.v1")
public record ContactRemoved(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    Actor actor,
    Contact before,
    List<String> notifyEmails)
    implements Event {
  public ContactRemoved {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.present(actor, "actor");
    Require.present(before, "before");
    notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
