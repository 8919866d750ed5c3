package alerting.kafka;

import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic read from its beginning on every start and followed, handing each record to every view
 * of it: one consumer per topic however many views read it. Nothing is committed, so a restart
 * rebuilds the views from Kafka. Records that are not valid events are logged and skipped.
 */
public final class TopicReplay {
  private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

  private record View(BiPredicate<String, byte[]> skip, BiConsumer<String, Event> apply) {}

  private final Topic topic;
  private final Map<String, Object> clientProperties;
  private final List<View> views = new CopyOnWriteArrayList<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  TopicReplay(Map<String, Object> clientProperties, Topic topic) {
    this.topic = topic;
    this.clientProperties = clientProperties;
  }

  public Topic topic() {
    return topic;
  }

  void add(BiPredicate<String, byte[]> skip, BiConsumer<String, Event> view) {
    if (thread != null) {
      throw new IllegalStateException("view of " + topic + " added after its replay started");
    }
    views.add(new View(skip, view));
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /**
   * Waits until what was on the topic when the replay started has been read, or {@code maxWait}
   * passed: a view asked before then answers from what it has, as it would have at start-up.
   */
  public boolean awaitCaughtUp(Duration maxWait) {
    if (isCaughtUp()) {
      return true;
    }
    try {
      if (caughtUp.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.warn("view of {} still catching up after {}; serving what it has", topic, maxWait);
    return false;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    var props = new HashMap<>(clientProperties);
    // a replay assigns itself every partition and commits nothing: no consumer group to join or be
    // allowed
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "replay-" + topic.name() + "-" + System.identityHashCode(this));
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    running = true;
    thread = new Thread(this::run, "replay-" + topic.name());
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      var partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> target = new HashMap<>(consumer.endOffsets(partitions));
      while (running) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          apply(record.key(), record.value(), record.partition(), record.offset());
        }
        if (caughtUp.getCount() > 0) {
          target.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
          if (target.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException stopping) {
      // stop() woke the poll: the views are shutting down
    } catch (RuntimeException e) {
      log.error("replay of {} stopped", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void apply(String key, byte[] value, int partition, long offset) {
    Event event = null;
    var parsed = false;
    for (var view : views) {
      if (view.skip().test(key, value)) {
        continue;
      }
      try {
        if (!parsed) {
          event = value == null ? null : EventJson.read(value);
          parsed = true;
        }
        view.apply().accept(key, event);
      } catch (RuntimeException e) {
        log.warn(
            "skipped unreadable record {}-{}@{}: {}", topic, partition, offset, e.getMessage());
        return;
      }
    }
  }

  synchronized void stop() {
    if (thread == null || !running) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isRunning() {
    return running;
  }

  @Override
  public String toString() {
    return "replay of " + topic;
  }
}
