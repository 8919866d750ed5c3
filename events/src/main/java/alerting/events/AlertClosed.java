package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/**
 * One alert of a closed incident, on {@code alerts.v1} so it reaches the escalation worker
 * co-partitioned with everything else about the alert.
 */
@JsonTypeName("alert-closed.v1")
public record AlertClosed(
    UUID eventId, Instant occurredAt, String alertId, String incidentId, String reason)
    implements Event {
  public AlertClosed {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.text(incidentId, "incidentId");
  }

  @Override
  public String key() {
    return alertId;
  }
}
