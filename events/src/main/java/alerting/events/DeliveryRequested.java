package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/** Asks the channel sender to reach the contact once; the sender renders the message and link. */
@JsonTypeName("delivery-requested.v1")
public record DeliveryRequested(
    UUID eventId,
    Instant occurredAt,
    String deliveryId,
    String alertId,
    int attempt,
    ContactMethod method,
    AlertBrief brief)
    implements Event {
  public DeliveryRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(deliveryId, "deliveryId");
    Require.text(alertId, "alertId");
    Require.positive(attempt, "attempt");
    Require.present(method, "method");
    Require.present(brief, "brief");
  }

  public static DeliveryRequested attempt(
      String alertId, int attempt, ContactMethod method, AlertBrief brief, Instant now) {
    return new DeliveryRequested(
        UUID.randomUUID(),
        now,
        AlertIds.deliveryId(alertId, attempt),
        alertId,
        attempt,
        method,
        brief);
  }

  @Override
  public String key() {
    return alertId;
  }
}
