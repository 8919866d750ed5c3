package alerting.contacts.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.FixedBackOff;

/** A consumed record that keeps failing goes to {@code <topic>-dlt} with the reason in headers. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KafkaConfig {

  @Bean
  CommonErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka, MeterRegistry meters) {
    var recoverer = new DeadLetterPublishingRecoverer(kafka,
        (record, e) -> new TopicPartition(record.topic() + "-dlt", -1));
    ConsumerRecordRecoverer counted = (record, e) -> {
      recoverer.accept(record, e);
      meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
    };
    var handler = new DefaultErrorHandler(counted, new FixedBackOff(500L, 2L));
    handler.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
    return handler;
  }
}
