package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** The deadline by which an attempt must be acknowledged before the alert escalates. */
@JsonTypeName("ack-timeout-scheduled.v1")
public record AckTimeoutScheduled(
    UUID eventId, Instant occurredAt, String alertId, int attempt, Instant dueAt) implements Event {
  public AckTimeoutScheduled {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.positive(attempt, "attempt");
    Require.present(dueAt, "dueAt");
  }

  @Override
  public String key() {
    return alertId;
  }
}
