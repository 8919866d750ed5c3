package alerting.contacts;

import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.testkit.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what is on a topic for one key, from the beginning, as a consumer elsewhere would. */
public final class TopicProbe {
  private TopicProbe() {}

  public static List<Event> read(Topic topic, String key) {
    var props = new HashMap<String, Object>(SharedKafka.consumerProps("probe-" + UUID.randomUUID()));
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new EventSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      var found = new ArrayList<Event>();
      var emptyPolls = 0;
      var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (emptyPolls < 3 && System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(300));
        emptyPolls = records.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls + 1 : 0;
        records.forEach(r -> {
          if (key.equals(r.key())) {
            found.add(r.value());
          }
        });
      }
      return found;
    }
  }

  public static <E extends Event> List<E> read(Topic topic, String key, Class<E> type) {
    return read(topic, key).stream().filter(type::isInstance).map(type::cast).toList();
  }
}
