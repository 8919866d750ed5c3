package alerting.testsupport;

import alerting.events.Event;
import alerting.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The tests' one topic reader: reads some topics from their start on a thread of its own, as a
 * consumer elsewhere would ({@link SharedKafka#consumerProps} reads committed records only), and
 * keeps what it reads or hands each record to a callback as it arrives.
 */
public final class TopicRecorder<V> implements AutoCloseable {
  private static final int QUIET_POLLS = 3;

  private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Consecutive empty polls since partitions were assigned: three mean nothing more is there. */
  private volatile int emptyPolls;

  private final Object polls = new Object();

  private TopicRecorder(
      Map<String, Object> consumerProps,
      List<String> topics,
      Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> onRecord) {
    var props = new HashMap<>(consumerProps);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    if (props.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      consumer.subscribe(topics);
    } else {
      // no group, so no rebalance to wait for: every partition of existing topics, from the start
      var partitions =
          topics.stream()
              .flatMap(topic -> consumer.partitionsFor(topic).stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }
    var handler = onRecord == null ? (Consumer<ConsumerRecord<String, V>>) records::add : onRecord;
    thread =
        new Thread(
            () -> {
              try (consumer) {
                while (running) {
                  var polled = consumer.poll(Duration.ofMillis(100));
                  polled.forEach(handler);
                  synchronized (polls) {
                    emptyPolls =
                        polled.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls + 1 : 0;
                    polls.notifyAll();
                  }
                }
              }
            },
            "topic-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Keeps everything on {@code topics}, read with the given consumer settings: with a group id it
   * subscribes (topics created later are read too); without one it reads the partitions there now.
   */
  public static <V> TopicRecorder<V> recording(
      Map<String, Object> consumerProps, List<String> topics, Deserializer<V> values) {
    return new TopicRecorder<>(consumerProps, topics, values, null);
  }

  /** Hands each record to {@code onRecord} on the reader's thread, keeping none (for long runs). */
  public static <V> TopicRecorder<V> following(
      Map<String, Object> consumerProps,
      List<String> topics,
      Deserializer<V> values,
      Consumer<ConsumerRecord<String, V>> onRecord) {
    return new TopicRecorder<>(consumerProps, topics, values, onRecord);
  }

  /** Records the shared broker's {@code topics} as text. */
  public static TopicRecorder<String> ofStrings(List<String> topics) {
    return recording(
        SharedKafka.consumerProps("recorder-" + UUID.randomUUID()),
        topics,
        new StringDeserializer());
  }

  /**
   * What is on the shared broker's {@code topic} now, read to its end, values as {@code values}
   * reads them.
   */
  public static <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    try (var recorder =
        recording(
            SharedKafka.consumerProps("probe-" + UUID.randomUUID()), List.of(topic), values)) {
      recorder.awaitQuiet(Duration.ofSeconds(15));
      return recorder.all();
    }
  }

  public List<ConsumerRecord<String, V>> all() {
    return List.copyOf(records);
  }

  public List<ConsumerRecord<String, V>> on(String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /**
   * The events of one type on {@code topic}; values that are not events (dead letters' bytes) are
   * passed over.
   */
  public <E extends Event> List<E> events(String topic, Class<E> type) {
    return on(topic).stream()
        .flatMap(r -> event(r.value()).stream())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static Optional<Event> event(Object value) {
    if (value instanceof Event event) {
      return Optional.of(event);
    }
    var json =
        value instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : value instanceof byte[] bytes ? bytes : null;
    try {
      return json == null ? Optional.empty() : Optional.of(EventJson.read(json));
    } catch (RuntimeException notAnEvent) {
      return Optional.empty();
    }
  }

  /** Waits, at most {@code max}, until a few polls in a row found nothing new. */
  public void awaitQuiet(Duration max) {
    // woken after every poll; at the deadline what arrived so far is the answer
    var deadline = System.nanoTime() + max.toNanos();
    synchronized (polls) {
      var left = max.toMillis();
      while (emptyPolls < QUIET_POLLS && left > 0) {
        try {
          polls.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      }
    }
  }

  public static String header(ConsumerRecord<String, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
