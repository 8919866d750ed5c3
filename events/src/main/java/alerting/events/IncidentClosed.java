package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** The incident is over: its open alerts close and no further attempt is made. */
@JsonTypeName("incident-closed.v1")
public record IncidentClosed(UUID eventId, Instant occurredAt, String incidentId, String reason)
    implements Event {
  public IncidentClosed {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(incidentId, "incidentId");
    IncidentText.checked(reason, "reason", IncidentText.MAX_REASON, true);
  }

  @Override
  public String key() {
    return incidentId;
  }
}
