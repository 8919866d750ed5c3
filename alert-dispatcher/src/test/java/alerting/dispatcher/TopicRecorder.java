package alerting.dispatcher;

import alerting.events.Event;
import alerting.events.EventJson;
import alerting.testkit.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Records everything committed to some topics, from their start, for tests to look at. */
final class TopicRecorder implements AutoCloseable {
  private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  TopicRecorder(List<String> topics) {
    var consumer = new KafkaConsumer<String, String>(SharedKafka.consumerProps("recorder-" + UUID.randomUUID()));
    consumer.subscribe(topics);
    thread = new Thread(() -> {
      try (consumer) {
        while (running) {
          consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
      }
    }, "topic-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  List<ConsumerRecord<String, String>> on(String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  <E extends Event> List<E> events(String topic, Class<E> type) {
    return on(topic).stream().filter(r -> r.value() != null)
        .flatMap(r -> readable(r.value()).stream())
        .filter(type::isInstance).map(type::cast).toList();
  }

  private static java.util.Optional<Event> readable(String json) {
    try {
      return java.util.Optional.of(EventJson.read(json.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException notAnEvent) {
      return java.util.Optional.empty();
    }
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
