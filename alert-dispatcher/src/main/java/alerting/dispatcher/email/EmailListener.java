package alerting.dispatcher.email;

import alerting.dispatcher.sending.DeliveryPipeline;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes email deliveries and follow-ups, first tries and due retries, a poll at a time. */
@Component
class EmailListener {
  private final DeliveryPipeline pipeline;
  private final EmailProvider provider;

  EmailListener(DeliveryPipeline pipeline, EmailProvider provider) {
    this.pipeline = pipeline;
    this.provider = provider;
  }

  @KafkaListener(id = "email-sender", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_EMAIL.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT})
  void on(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }

  @KafkaListener(id = "email-sender-retry", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).retry(T(alerting.events.Topics).DELIVERIES_EMAIL)}")
  void onRetry(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }
}
