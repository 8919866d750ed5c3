package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/**
 * News about an incident for one already-alerted contact, on the channel's delivery topic. It asks
 * for no acknowledgment and is no attempt: it never moves the alert's escalation.
 */
@JsonTypeName("follow-up-requested.v1")
public record FollowUpRequested(
    UUID eventId,
    Instant occurredAt,
    String followUpId,
    String alertId,
    ContactMethod method,
    AlertBrief brief,
    String message,
    String statusUrl)
    implements Event {
  public FollowUpRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(followUpId, "followUpId");
    Require.text(alertId, "alertId");
    Require.present(method, "method");
    Require.present(brief, "brief");
    Require.text(message, "message");
  }

  @Override
  public String key() {
    return alertId;
  }
}
