package alerting.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The only place a service's code gets a plain Kafka client, for the few that need one outside a
 * listener container or template (e.g. ack-receiver's replay log, which reads its own claims back).
 * {@code properties} are the service's {@code spring.kafka.*} (TLS, SASL) with the caller's
 * overrides; the architecture tests allow {@code new KafkaConsumer}/{@code new KafkaProducer}
 * nowhere else.
 */
public final class KafkaClients {
  private KafkaClients() {}

  public static <K, V> Producer<K, V> producer(
      Map<String, Object> properties, Serializer<K> keys, Serializer<V> values) {
    return new KafkaProducer<>(properties, keys, values);
  }

  public static Admin admin(Map<String, Object> properties) {
    return Admin.create(properties);
  }

  public static <K, V> Consumer<K, V> consumer(
      Map<String, Object> properties, Deserializer<K> keys, Deserializer<V> values) {
    return new KafkaConsumer<>(properties, keys, values);
  }
}
