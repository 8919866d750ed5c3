package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** A contact confirmed they have the alert; {@code attempt} is null when the reply can't tell. */
@JsonTypeName("alert-acknowledged.v1")
public record AlertAcknowledged(UUID eventId, Instant occurredAt, String alertId, Integer attempt,
    Channel channel, AckEvidence evidence) implements Event {
  public AlertAcknowledged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.present(channel, "channel");
    Require.present(evidence, "evidence");
  }

  @Override
  public String key() {
    return alertId;
  }
}
