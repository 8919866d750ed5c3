package alerting.contacts.system;

import alerting.events.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A consumed record that keeps failing goes to {@code <topic>-dlt} with the reason, in plain
 * words ({@link DeadLetterReason}), in headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KafkaConfig {

  @Bean
  CommonErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> kafka,
      ProducerFactory<Object, Object> producers, MeterRegistry meters) {
    // an unreadable record is dead-lettered as the bytes it arrived as, which the event
    // serializer cannot write: without a template for bytes the recovery fails and the record
    // is retried for ever, holding up its partition
    var templates = new LinkedHashMap<Class<?>, KafkaOperations<?, ?>>();
    templates.put(byte[].class, new KafkaTemplate<>(producers,
        Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    templates.put(Object.class, kafka);
    var recoverer = new DeadLetterPublishingRecoverer(templates,
        (record, e) -> new TopicPartition(record.topic() + "-dlt", -1));
    recoverer.setHeadersFunction((record, e) -> new RecordHeaders(new RecordHeader[] {
        new RecordHeader(DeadLetterReason.HEADER, DeadLetterReason.bytes(DeadLetterReason.of(e))),
        new RecordHeader(DeadLetterReason.ORIGIN_HEADER, DeadLetterReason.bytes(
            record.topic() + "-" + record.partition() + "@" + record.offset()))}));
    ConsumerRecordRecoverer counted = (record, e) -> {
      recoverer.accept(record, e);
      meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
    };
    var handler = new DefaultErrorHandler(counted, new FixedBackOff(500L, 2L));
    handler.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
    return handler;
  }
}
