package alerting.dispatcher.sms;

import alerting.dispatcher.sending.DeliveryPipeline;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes SMS deliveries and follow-ups, first tries and due retries, a poll at a time. */
@Component
class SmsListener {
  private final DeliveryPipeline pipeline;
  private final SmsProvider provider;

  SmsListener(DeliveryPipeline pipeline, SmsProvider provider) {
    this.pipeline = pipeline;
    this.provider = provider;
  }

  @KafkaListener(id = "sms-sender", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_SMS.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT})
  void on(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }

  @KafkaListener(id = "sms-sender-retry", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).retry(T(alerting.events.Topics).DELIVERIES_SMS)}")
  void onRetry(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }
}
