package alerting.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything that travels on a topic. The JSON carries a logical {@code type} id such as {@code
 * alert-opened.v1}, never a Java class name, so consumers in any language can read it.
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
  @JsonSubTypes.Type(AlertState.class),
  @JsonSubTypes.Type(IncidentUpdated.class),
  @JsonSubTypes.Type(IncidentClosed.class),
  @JsonSubTypes.Type(AlertClosed.class),
  @JsonSubTypes.Type(ContactAdded.class),
  @JsonSubTypes.Type(ContactUpdated.class),
  @JsonSubTypes.Type(ContactRemoved.class),
  @JsonSubTypes.Type(NoticePublished.class),
  @JsonSubTypes.Type(ConfirmationRequested.class),
  @JsonSubTypes.Type(ConfirmationClosed.class),
  @JsonSubTypes.Type(SupportAccessChanged.class),
  @JsonSubTypes.Type(TenantUnreachable.class),
  @JsonSubTypes.Type(FollowUpRequested.class),
  @JsonSubTypes.Type(VerificationRequested.class),
  @JsonSubTypes.Type(ContactsReviewRequested.class)
})
public sealed interface Event
    permits TenantContacts,
        IncidentRaised,
        AlertOpened,
        DeliveryRequested,
        AckTimeoutScheduled,
        AlertAcknowledged,
        DeliveryStatusReported,
        AlertState,
        IncidentUpdated,
        IncidentClosed,
        AlertClosed,
        ContactAdded,
        ContactUpdated,
        ContactRemoved,
        NoticePublished,
        ConfirmationRequested,
        ConfirmationClosed,
        SupportAccessChanged,
        TenantUnreachable,
        FollowUpRequested,
        VerificationRequested,
        ContactsReviewRequested {

  UUID eventId();

  Instant occurredAt();

  /** The record key: the aggregate this event belongs to (tenant, incident or alert id). */
  String key();
}
