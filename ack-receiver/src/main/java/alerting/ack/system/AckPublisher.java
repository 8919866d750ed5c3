package alerting.ack.system;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.Topic;
import alerting.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what a verified request proved, and waits for the broker to confirm before the caller
 * answers: a contact told "acknowledged" must really be on record.
 */
@Component
public class AckPublisher {
  private final KafkaTemplate<String, Event> kafka;
  private final MeterRegistry meters;

  AckPublisher(KafkaTemplate<String, Event> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.meters = meters;
  }

  /**
   * {@code attempt} is null only when nothing tells which attempt reached the contact. The ack
   * carries the alert's contact and correlation, so a requester matches it to its request.
   */
  public void acknowledged(
      AlertOpened alert, Integer attempt, Channel channel, AckEvidence evidence) {
    publish(
        Topics.ACKS,
        AlertAcknowledged.of(alert, evidence.receivedAt(), attempt, channel, evidence));
    meters.counter("alerting.acks.received", "channel", channel.name()).increment();
  }

  public void status(
      String alertId,
      int attempt,
      Channel channel,
      DeliveryStatus status,
      String providerRef,
      String reason) {
    publish(
        Topics.DELIVERY_STATUS,
        new DeliveryStatusReported(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            AlertIds.deliveryId(alertId, attempt),
            attempt,
            channel,
            status,
            providerRef,
            reason));
    meters
        .counter(
            "alerting.delivery-statuses.reported",
            "channel",
            channel.name(),
            "outcome",
            status.name())
        .increment();
  }

  /** Kafka did not confirm in time: nothing may be promised to the caller, who should retry. */
  public static final class PublishFailedException extends RuntimeException {
    PublishFailedException(Topic topic, Exception cause) {
      super("could not publish to " + topic, cause);
    }
  }

  public void publish(Topic topic, Event event) {
    try {
      kafka.send(topic.name(), event.key(), event).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailedException(topic, e);
    }
  }
}
