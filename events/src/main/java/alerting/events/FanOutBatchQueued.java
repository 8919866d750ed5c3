package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A slice of an incident's tenants, queued for fan-out, so a 20,000-tenant incident is opened in
 * many small transactions instead of one huge one. Keyed by {@code incidentId/batch}.
 */
@JsonTypeName("fan-out-batch-queued.v1")
public record FanOutBatchQueued(UUID eventId, Instant occurredAt, IncidentRaised incident,
    int batch, int batches, List<String> tenantIds) implements Event {
  public FanOutBatchQueued {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.present(incident, "incident");
    Require.positive(batch, "batch");
    Require.positive(batches, "batches");
    tenantIds = List.copyOf(Require.notEmpty(tenantIds, "tenantIds"));
  }

  @Override
  public String key() {
    return incident.incidentId() + "/" + batch;
  }
}
