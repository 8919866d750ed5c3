package alerting.contacts;

import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.testsupport.TopicRecorder;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what is on a topic for one key, from the beginning, as a consumer elsewhere would. */
public final class TopicProbe {
  private TopicProbe() {}

  public static List<Event> read(Topic topic, String key) {
    return TopicRecorder.readAll(topic.name(), new EventSerde().deserializer()).stream()
        .filter(r -> key.equals(r.key()))
        .map(ConsumerRecord::value)
        .toList();
  }

  public static <E extends Event> List<E> read(Topic topic, String key, Class<E> type) {
    return read(topic, key).stream().filter(type::isInstance).map(type::cast).toList();
  }
}
