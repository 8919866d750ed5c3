package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

@JsonTypeName("incident-raised.v1")
public record IncidentRaised(
    UUID eventId,
    Instant occurredAt,
    String incidentId,
    IncidentKind kind,
    Severity severity,
    String title,
    String summary,
    String statusUrl,
    IncidentScope scope)
    implements Event {
  public IncidentRaised {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(incidentId, "incidentId");
    Require.present(kind, "kind");
    Require.present(severity, "severity");
    Require.text(title, "title");
    IncidentText.checked(title, "title", IncidentText.MAX_TITLE, false);
    IncidentText.checked(summary, "summary", IncidentText.MAX_SUMMARY, true);
    IncidentText.checkedUrl(statusUrl, "statusUrl");
    Require.present(scope, "scope");
  }

  @Override
  public String key() {
    return incidentId;
  }
}
