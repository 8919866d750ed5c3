package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** News about an incident: a follow-up to everyone already alerted, pointing to the status page. */
@JsonTypeName("incident-updated.v1")
public record IncidentUpdated(
    UUID eventId, Instant occurredAt, String incidentId, String message, String statusUrl)
    implements Event {
  public IncidentUpdated {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(incidentId, "incidentId");
    Require.text(message, "message");
    IncidentText.checked(message, "message", IncidentText.MAX_MESSAGE, true);
    IncidentText.checkedUrl(statusUrl, "statusUrl");
  }

  @Override
  public String key() {
    return incidentId;
  }
}
