package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact confirmed they have the alert; {@code attempt} is null when the reply can't tell.
 * {@code contactId} and {@code correlation} are copied from the alert, so a requester (support
 * access) matches the ack to its request without looking the alert up; absent on older records.
 */
@JsonTypeName("alert-acknowledged.v1")
public record AlertAcknowledged(
    UUID eventId,
    Instant occurredAt,
    String alertId,
    Integer attempt,
    Channel channel,
    AckEvidence evidence,
    String contactId,
    Correlation correlation)
    implements Event {
  public AlertAcknowledged(
      UUID eventId,
      Instant occurredAt,
      String alertId,
      Integer attempt,
      Channel channel,
      AckEvidence evidence) {
    this(eventId, occurredAt, alertId, attempt, channel, evidence, null, Correlation.INCIDENT);
  }

  /** The ack of this alert, correlated as the alert was. */
  public static AlertAcknowledged of(
      AlertOpened alert, Instant at, Integer attempt, Channel channel, AckEvidence evidence) {
    return new AlertAcknowledged(
        UUID.randomUUID(),
        at,
        alert.alertId(),
        attempt,
        channel,
        evidence,
        alert.brief().contactId(),
        alert.brief().correlation());
  }

  public AlertAcknowledged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.present(channel, "channel");
    Require.present(evidence, "evidence");
    correlation = correlation == null ? Correlation.INCIDENT : correlation;
  }

  @Override
  public String key() {
    return alertId;
  }
}
