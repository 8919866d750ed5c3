package alerting.contacts.system;

import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A consumed record that keeps failing goes to {@code <topic>-dlt} with the reason, in plain words,
 * in headers: the one dead-letter contract of {@link DeadLettering}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KafkaConfig {

  @Bean
  CommonErrorHandler kafkaErrorHandler(
      KafkaOperations<Object, Object> kafka,
      ProducerFactory<Object, Object> producers,
      MeterRegistry meters) {
    // an unreadable record is dead-lettered as the bytes it arrived as, which the event
    // serializer cannot write: without a template for bytes the recovery fails and the record
    // is retried for ever, holding up its partition
    var templates = new LinkedHashMap<Class<?>, KafkaOperations<?, ?>>();
    templates.put(
        byte[].class,
        new KafkaTemplate<>(
            producers,
            Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    templates.put(Object.class, kafka);
    return DeadLettering.classified(
        new DefaultErrorHandler(
            DeadLettering.recoverer(templates, meters), new FixedBackOff(500L, 2L)));
  }
}
