package alerting.dispatcher.system;

import alerting.events.DeadLetterReason;
import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that keeps failing is rolled back, retried twice, then sent to {@code <topic>-dlt} with
 * the exception and a plain-words reason ({@link DeadLetterReason}) in its headers; the partition
 * moves on. Which failures are bad data, and what a dead letter carries, is the one contract of
 * {@link DeadLettering}. Records that can't even be read (malformed JSON, an unknown event type) go
 * there at once, as the bytes they arrived as: the template's serializer ({@link ProducerValues})
 * writes those unchanged. Batch listeners get unreadable records as null values and dead-letter
 * them themselves (see DeliveryPipeline).
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorsConfig {

  @Bean
  AfterRollbackProcessor<Object, Object> afterRollbackProcessor(
      KafkaOperations<Object, Object> kafka, MeterRegistry meters) {
    return DeadLettering.classified(
        new DefaultAfterRollbackProcessor<Object, Object>(
            DeadLettering.recoverer(kafka, meters), new FixedBackOff(500L, 2L), kafka, true));
  }

  /**
   * Senders take a poll's worth of deliveries at once, so one transaction covers many sends; they
   * never throw for a single delivery, so a rollback never re-sends the healthy ones.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumers,
      ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
          containers) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumers);
    factory.setBatchListener(true);
    // Boot's configurer leaves the container customizer to its own factory (KafkaClientsConfig)
    factory.setContainerCustomizer(containers);
    return factory;
  }
}
