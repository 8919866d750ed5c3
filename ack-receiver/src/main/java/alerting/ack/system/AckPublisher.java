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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  private final Meter.MeterProvider<Counter> acks;
  private final Meter.MeterProvider<Counter> providerReports;
  private final Meter.MeterProvider<Counter> linksOpened;

  /**
   * What Twilio's status callbacks report per channel (an SMS opt-out reports its waiting attempts
   * FAILED), registered at zero with every channel's acks so the first of each shows on rate().
   */
  static final Map<Channel, List<DeliveryStatus>> PROVIDER_REPORTS =
      Map.of(
          Channel.SMS,
          List.of(
              DeliveryStatus.SENT,
              DeliveryStatus.DELIVERED,
              DeliveryStatus.UNDELIVERED,
              DeliveryStatus.FAILED),
          Channel.VOICE,
          List.of(
              DeliveryStatus.DELIVERED,
              DeliveryStatus.MACHINE_ANSWERED,
              DeliveryStatus.BUSY,
              DeliveryStatus.NO_ANSWER,
              DeliveryStatus.FAILED));

  AckPublisher(KafkaTemplate<String, Event> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.acks =
        Counter.builder("alerting.acks.received")
            .description("Acknowledgments published, by the channel they came by")
            .withRegistry(meters);
    this.providerReports =
        Counter.builder("alerting.delivery-statuses.reported")
            .description(
                "Delivery reports from the provider's status callbacks, by channel and outcome"
                    + " (an ack link being opened is counted apart, as alerting.ack.links.opened)")
            .withRegistry(meters);
    this.linksOpened =
        Counter.builder("alerting.ack.links.opened")
            .description(
                "Ack pages shown (GET of an ack link), by the channel that carried the link: a"
                    + " person or a mail scanner opened it; only the button acknowledges")
            .withRegistry(meters);
    for (var channel : Channel.values()) {
      acks.withTags("channel", channel.name());
      linksOpened.withTags("channel", channel.name());
    }
    PROVIDER_REPORTS.forEach(
        (channel, statuses) ->
            statuses.forEach(
                status ->
                    providerReports.withTags("channel", channel.name(), "outcome", status.name())));
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
    acks.withTags("channel", channel.name()).increment();
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
    if (status == DeliveryStatus.SEEN) {
      // a mail scanner follows links too: seen is not a provider's report of the delivery
      linksOpened.withTags("channel", channel.name()).increment();
    } else {
      providerReports.withTags("channel", channel.name(), "outcome", status.name()).increment();
    }
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
