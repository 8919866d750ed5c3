package alerting.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything that travels on a topic. The JSON carries a logical {@code type} id such as
 * {@code alert-opened.v1}, never a Java class name, so consumers in any language can read it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(TenantContacts.class),
    @JsonSubTypes.Type(IncidentRaised.class),
    @JsonSubTypes.Type(AlertOpened.class),
    @JsonSubTypes.Type(DeliveryRequested.class),
    @JsonSubTypes.Type(AckTimeoutScheduled.class),
    @JsonSubTypes.Type(AlertAcknowledged.class),
    @JsonSubTypes.Type(DeliveryStatusReported.class),
    @JsonSubTypes.Type(AlertState.class)
})
public sealed interface Event permits TenantContacts, IncidentRaised, AlertOpened, DeliveryRequested,
    AckTimeoutScheduled, AlertAcknowledged, DeliveryStatusReported, AlertState {

  UUID eventId();

  Instant occurredAt();

  /** The record key: the aggregate this event belongs to (tenant, incident or alert id). */
  String key();
}
