package alerting.dispatcher.fanout;

import alerting.events.IncidentRaised;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A slice of an incident's tenants, queued for fan-out, so a 20,000-tenant incident is opened in
 * many small transactions instead of one huge one. The dispatcher's own message, on its own queues,
 * not part of the contract; written in the pipeline's JSON with its type id, as it was when it was
 * an event, so slices queued before an upgrade are still read. Keyed by {@code incidentId/batch}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName(FanOutBatchQueued.TYPE)
public record FanOutBatchQueued(
    UUID eventId,
    Instant occurredAt,
    IncidentRaised incident,
    int batch,
    int batches,
    List<String> tenantIds) {
  static final String TYPE = "fan-out-batch-queued.v1";

  public FanOutBatchQueued {
    Objects.requireNonNull(eventId, "eventId is required");
    Objects.requireNonNull(occurredAt, "occurredAt is required");
    Objects.requireNonNull(incident, "incident is required");
    atLeastOne(batch, "batch");
    atLeastOne(batches, "batches");
    if (tenantIds == null || tenantIds.isEmpty()) {
      throw new IllegalArgumentException("tenantIds must not be empty");
    }
    tenantIds = List.copyOf(tenantIds);
  }

  public String key() {
    return incident.incidentId() + "/" + batch;
  }

  private static void atLeastOne(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
  }
}
