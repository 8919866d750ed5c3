package alerting.dispatcher.system;

import alerting.events.Event;
import alerting.events.EventSerde;
import java.util.LinkedHashMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Values the producer writes: events as the pipeline's JSON; raw bytes as they are, so a record
 * nobody could read reaches its dead-letter topic byte for byte, in the same transaction as
 * everything else.
 */
@Configuration(proxyBeanMethods = false)
class ProducerValues {

  @Bean
  @SuppressWarnings("unchecked")
  DefaultKafkaProducerFactoryCustomizer eventsOrBytes() {
    return factory -> eventsOrBytes((DefaultKafkaProducerFactory<?, Object>) factory);
  }

  private static void eventsOrBytes(DefaultKafkaProducerFactory<?, Object> factory) {
    var byType = new LinkedHashMap<Class<?>, Serializer<?>>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(Event.class, new EventSerde.EventSerializer());
    // assignable: an event's own record type finds the Event serializer
    factory.setValueSerializerSupplier(() -> new DelegatingByTypeSerializer(byType, true));
  }
}
