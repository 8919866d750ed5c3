package alerting.dispatcher.email;

import alerting.dispatcher.sending.DeliveryPipeline;
import alerting.dispatcher.sending.SenderLanes;
import alerting.events.Lane;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes email deliveries and follow-ups a poll at a time: one listener per priority lane,
 * highest first ({@link SenderLanes} keeps a lane waiting while a higher one has work), and one
 * for due retries.
 */
@Component
class EmailListener {
  private final DeliveryPipeline pipeline;
  private final SenderLanes lanes;
  private final EmailProvider provider;

  EmailListener(DeliveryPipeline pipeline, SenderLanes lanes, EmailProvider provider) {
    this.pipeline = pipeline;
    this.lanes = lanes;
    this.provider = provider;
  }

  @KafkaListener(id = "email-sender-critical", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_EMAIL_CRITICAL.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('EMAIL', 'CRITICAL')}"})
  void onCritical(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.CRITICAL, records, consumer, provider);
  }

  @KafkaListener(id = "email-sender-high", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_EMAIL_HIGH.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('EMAIL', 'HIGH')}"})
  void onHigh(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.HIGH, records, consumer, provider);
  }

  @KafkaListener(id = "email-sender", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_EMAIL.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('EMAIL', 'STANDARD')}"})
  void onStandard(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.STANDARD, records, consumer, provider);
  }

  @KafkaListener(id = "email-sender-retry", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).retry(T(alerting.events.Topics).DELIVERIES_EMAIL)}")
  void onRetry(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }
}
