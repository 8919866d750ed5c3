package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The whole current state of one alert, published on every transition (compacted topic). */
@JsonTypeName("alert-state.v1")
public record AlertState(
    UUID eventId,
    Instant occurredAt,
    String alertId,
    AlertStatus status,
    int attempt,
    AlertBrief brief,
    List<AttemptRecord> attempts,
    AlertAcknowledged acknowledgment,
    String outcome)
    implements Event {
  public AlertState {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.present(status, "status");
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  @Override
  public String key() {
    return alertId;
  }
}
