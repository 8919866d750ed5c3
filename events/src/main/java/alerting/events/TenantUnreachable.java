package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident concerns a tenant none of whose contacts can be alerted directly (no matching
 * contact, or none with a contact method). Published by the dispatcher on {@code
 * incidents.unreachable.v1}, keyed by incident (or confirmation request), so whoever follows the
 * incident sees who it could not reach.
 */
@JsonTypeName("tenant-unreachable.v1")
public record TenantUnreachable(
    UUID eventId,
    Instant occurredAt,
    String incidentId,
    String tenantId,
    String tenantName,
    String reason)
    implements Event {
  public TenantUnreachable {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(incidentId, "incidentId");
    Require.text(tenantId, "tenantId");
    Require.text(reason, "reason");
  }

  @Override
  public String key() {
    return incidentId;
  }
}
