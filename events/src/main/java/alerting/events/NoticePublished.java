package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** An in-product banner for a tenant's admins, about an incident or a recommendation. */
@JsonTypeName("notice-published.v1")
public record NoticePublished(
    UUID eventId,
    Instant occurredAt,
    String noticeId,
    String tenantId,
    String incidentId,
    IncidentKind kind,
    Severity severity,
    String title,
    String body,
    String statusUrl)
    implements Event {
  public NoticePublished {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(noticeId, "noticeId");
    Require.text(tenantId, "tenantId");
    Require.present(kind, "kind");
    Require.text(title, "title");
  }

  @Override
  public String key() {
    return tenantId;
  }
}
