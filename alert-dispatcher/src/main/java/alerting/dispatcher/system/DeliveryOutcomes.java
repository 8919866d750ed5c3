package alerting.dispatcher.system;

import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
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
  private final MeterRegistry meters;
  private final Counter[][] counters = new Counter[Channel.values().length][DeliveryStatus.values().length];

  DeliveryOutcomes(KafkaTemplate<String, Event> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.meters = meters;
  }

  public void report(DeliveryRequested delivery, DeliveryStatus status, String providerRef,
      String reason) {
    var event = new DeliveryStatusReported(UUID.randomUUID(), Instant.now(), delivery.alertId(),
        delivery.deliveryId(), delivery.attempt(), delivery.method().channel(), status, providerRef,
        reason);
    kafka.send(Topics.DELIVERY_STATUS.name(), event.key(), event);
    counter(delivery.method().channel(), status).increment();
  }

  /** Looked up once per channel and status, not per delivery; registering is idempotent. */
  private Counter counter(Channel channel, DeliveryStatus status) {
    var counter = counters[channel.ordinal()][status.ordinal()];
    if (counter == null) {
      counter = meters.counter("alerting.deliveries", "channel", channel.name(), "outcome", status.name());
      counters[channel.ordinal()][status.ordinal()] = counter;
    }
    return counter;
  }
}
