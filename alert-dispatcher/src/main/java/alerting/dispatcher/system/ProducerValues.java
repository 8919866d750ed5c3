package alerting.dispatcher.system;

import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.EventSerde;
import java.util.LinkedHashMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Values the producer writes: events, and the dispatcher's own fan-out slices, as the pipeline's
 * JSON; raw bytes as they are, so a record nobody could read reaches its dead-letter topic byte for
 * byte, in the same transaction as everything else.
 */
@Configuration(proxyBeanMethods = false)
public class ProducerValues {

  @Bean
  DefaultKafkaProducerFactoryCustomizer eventsOrBytes() {
    return factory -> factory.setValueSerializerSupplier(ProducerValues::serializer);
  }

  /** What every producer of the dispatcher writes its values with. */
  @SuppressWarnings("unchecked")
  public static <T> Serializer<T> serializer() {
    var byType = new LinkedHashMap<Class<?>, Serializer<?>>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(Event.class, new EventSerde.EventSerializer());
    // the dispatcher's own messages (fan-out slices carry their type id) in the same JSON
    byType.put(
        Object.class,
        (Serializer<Object>) (topic, value) -> EventJson.mapper().writeValueAsBytes(value));
    // assignable, in this order: an event's own record type finds the Event serializer
    return (Serializer<T>) new DelegatingByTypeSerializer(byType, true);
  }
}
