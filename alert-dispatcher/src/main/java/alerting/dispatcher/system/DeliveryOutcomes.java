package alerting.dispatcher.system;

import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reports what a channel sender did with a delivery, in the sender's Kafka transaction, so the
 * escalation worker can move on at once when an attempt fails.
 */
@Component
public class DeliveryOutcomes {
  private final KafkaTemplate<String, Event> kafka;
  private final Meter.MeterProvider<Counter> counters;

  DeliveryOutcomes(KafkaTemplate<String, Event> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.counters =
        Counter.builder("alerting.deliveries")
            .description(
                "What the senders did with alert deliveries, by channel and outcome: SENT (handed"
                    + " to the provider), FAILED (refused for good or retries exhausted), NOT_SENT"
                    + " (already acknowledged or closed)")
            .withRegistry(meters);
    // at zero from start-up, so the first send or failure of a channel shows on rate()
    for (var channel : Channel.values()) {
      for (var status :
          List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.NOT_SENT)) {
        counters.withTags("channel", channel.name(), "outcome", status.name());
      }
    }
  }

  public void report(
      DeliveryRequested delivery, DeliveryStatus status, String providerRef, String reason) {
    var event =
        new DeliveryStatusReported(
            UUID.randomUUID(),
            Instant.now(),
            delivery.alertId(),
            delivery.deliveryId(),
            delivery.attempt(),
            delivery.method().channel(),
            status,
            providerRef,
            reason);
    kafka.send(Topics.DELIVERY_STATUS.name(), event.key(), event);
    counters
        .withTags("channel", delivery.method().channel().name(), "outcome", status.name())
        .increment();
  }
}
