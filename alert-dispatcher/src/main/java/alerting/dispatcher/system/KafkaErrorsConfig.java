package alerting.dispatcher.system;

import alerting.events.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that keeps failing is rolled back, retried twice, then sent to {@code <topic>-dlt}
 * with the exception and a plain-words reason ({@link DeadLetterReason}) in its headers; the
 * partition moves on. Records that can't even be read (malformed JSON, an unknown event type) go
 * there at once, as the bytes they arrived as: the template's serializer ({@link ProducerValues})
 * writes those unchanged. Batch listeners get unreadable records as null values and dead-letter
 * them themselves (see DeliveryPipeline).
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorsConfig {

  @Bean
  AfterRollbackProcessor<Object, Object> afterRollbackProcessor(KafkaOperations<Object, Object> kafka,
      MeterRegistry meters) {
    var recoverer = new DeadLetterPublishingRecoverer(kafka,
        (record, e) -> new TopicPartition(DispatcherTopics.deadLetter(record.topic()), -1));
    recoverer.setHeadersFunction((record, e) -> new RecordHeaders(new RecordHeader[] {
        new RecordHeader(DeadLetters.REASON, DeadLetterReason.bytes(DeadLetterReason.of(e))),
        new RecordHeader(DeadLetters.ORIGIN, DeadLetterReason.bytes(DeadLetters.origin(record)))}));
    ConsumerRecordRecoverer counted = (record, e) -> {
      recoverer.accept(record, e);
      meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
    };
    var processor = new DefaultAfterRollbackProcessor<Object, Object>(
        counted, new FixedBackOff(500L, 2L), kafka, true);
    processor.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class,
        NullPointerException.class);
    return processor;
  }

  /**
   * Senders take a poll's worth of deliveries at once, so one transaction covers many sends;
   * they never throw for a single delivery, so a rollback never re-sends the healthy ones.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumers) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumers);
    factory.setBatchListener(true);
    return factory;
  }
}
