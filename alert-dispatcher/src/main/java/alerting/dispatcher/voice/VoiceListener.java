package alerting.dispatcher.voice;

import alerting.dispatcher.sending.DeliveryPipeline;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes call deliveries, first tries and due retries, a poll at a time. */
@Component
class VoiceListener {
  private final DeliveryPipeline pipeline;
  private final VoiceProvider provider;

  VoiceListener(DeliveryPipeline pipeline, VoiceProvider provider) {
    this.pipeline = pipeline;
    this.provider = provider;
  }

  @KafkaListener(id = "voice-sender", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_VOICE.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT})
  void on(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }

  @KafkaListener(id = "voice-sender-retry", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).retry(T(alerting.events.Topics).DELIVERIES_VOICE)}")
  void onRetry(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }
}
