package alerting.dispatcher.system;

import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record that keeps failing is rolled back, retried twice, then sent to {@code <topic>-dlt}
 * with the exception in its headers, inside the same transaction; the partition moves on.
 * Records that can't even be read (malformed JSON) go there at once.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorsConfig {

  @Bean
  AfterRollbackProcessor<Object, Object> afterRollbackProcessor(KafkaOperations<Object, Object> kafka) {
    var recoverer = new DeadLetterPublishingRecoverer(kafka,
        (record, e) -> new TopicPartition(record.topic() + "-dlt", -1));
    var processor = new DefaultAfterRollbackProcessor<Object, Object>(
        recoverer, new FixedBackOff(500L, 2L), kafka, true);
    processor.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
    return processor;
  }
}
