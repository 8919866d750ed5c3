package alerting.dispatcher.voice;

import alerting.dispatcher.sending.DeliveryPipeline;
import alerting.dispatcher.sending.SenderLanes;
import alerting.events.Lane;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes voice deliveries and follow-ups a poll at a time: one listener per priority lane,
 * highest first ({@link SenderLanes} keeps a lane waiting while a higher one has work), and one
 * for due retries.
 */
@Component
class VoiceListener {
  private final DeliveryPipeline pipeline;
  private final SenderLanes lanes;
  private final VoiceProvider provider;

  VoiceListener(DeliveryPipeline pipeline, SenderLanes lanes, VoiceProvider provider) {
    this.pipeline = pipeline;
    this.lanes = lanes;
    this.provider = provider;
  }

  @KafkaListener(id = "voice-sender-critical", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_VOICE_CRITICAL.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('VOICE', 'CRITICAL')}"})
  void onCritical(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.CRITICAL, records, consumer, provider);
  }

  @KafkaListener(id = "voice-sender-high", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_VOICE_HIGH.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('VOICE', 'HIGH')}"})
  void onHigh(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.HIGH, records, consumer, provider);
  }

  @KafkaListener(id = "voice-sender", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.events.Topics).DELIVERIES_VOICE.name()}",
      concurrency = "${alerting.dispatcher.senders.concurrency:2}",
      properties = {DeliveryPipeline.FETCH_MIN_BYTES, DeliveryPipeline.FETCH_MAX_WAIT,
          "max.poll.records=#{@senderLanes.batchSize('VOICE', 'STANDARD')}"})
  void onStandard(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
    lanes.handle(Lane.STANDARD, records, consumer, provider);
  }

  @KafkaListener(id = "voice-sender-retry", containerFactory = "batchListenerFactory",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).retry(T(alerting.events.Topics).DELIVERIES_VOICE)}")
  void onRetry(List<ConsumerRecord<String, Object>> records) {
    pipeline.handle(records, provider);
  }
}
