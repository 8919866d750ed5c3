package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** What a channel sender or the provider's callback says about one delivery attempt. */
@JsonTypeName("delivery-status-reported.v1")
public record DeliveryStatusReported(
    UUID eventId,
    Instant occurredAt,
    String alertId,
    String deliveryId,
    int attempt,
    Channel channel,
    DeliveryStatus status,
    String providerRef,
    String reason)
    implements Event {
  public DeliveryStatusReported {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.text(deliveryId, "deliveryId");
    Require.positive(attempt, "attempt");
    Require.present(channel, "channel");
    Require.present(status, "status");
  }

  @Override
  public String key() {
    return alertId;
  }
}
