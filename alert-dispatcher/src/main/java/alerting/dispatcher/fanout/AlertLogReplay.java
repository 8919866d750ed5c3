package alerting.dispatcher.fanout;

import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code alerts.v1} like {@link alerting.events.TopicReplay} (from the beginning on every
 * start, read-committed, nothing committed), but does not parse an {@code AlertOpened} whose alert
 * the view already holds: this process learns the alerts it opens when their transaction commits,
 * so reading them back would only parse every alert of a mass incident a second time. Any other
 * record, and every record the check cannot place, is parsed and handed to the view as before.
 */
final class AlertLogReplay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertLogReplay.class);
  /** Jackson writes the type id first; a record written otherwise is simply parsed. */
  private static final byte[] ALERT_OPENED_PREFIX =
      "{\"type\":\"alert-opened.v1\"".getBytes(StandardCharsets.UTF_8);

  private final Topic topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Predicate<String> alreadyOpened;
  private final BiConsumer<String, Event> view;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  private AlertLogReplay(String bootstrapServers, Topic topic, Predicate<String> alreadyOpened,
      BiConsumer<String, Event> view) {
    this.topic = topic;
    this.alreadyOpened = alreadyOpened;
    this.view = view;
    var props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + topic.name() + "-" + System.identityHashCode(this));
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "replay-" + topic.name());
    thread.setDaemon(true);
  }

  /** Starts following and returns once what was on the topic has been read, or after {@code maxWait}. */
  static AlertLogReplay follow(String bootstrapServers, Topic topic, Duration maxWait,
      Predicate<String> alreadyOpened, BiConsumer<String, Event> view) {
    var replay = new AlertLogReplay(bootstrapServers, topic, alreadyOpened, view);
    replay.thread.start();
    try {
      if (!replay.caughtUp.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("view of {} still catching up after {}; serving what it has", topic, maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return replay;
  }

  /** An {@code AlertOpened} of an alert the view already has: nothing to learn from it. */
  static boolean isKnownAlertOpened(String key, byte[] value, Predicate<String> alreadyOpened) {
    return key != null && value != null && value.length > ALERT_OPENED_PREFIX.length
        && Arrays.equals(value, 0, ALERT_OPENED_PREFIX.length, ALERT_OPENED_PREFIX, 0, ALERT_OPENED_PREFIX.length)
        && alreadyOpened.test(key);
  }

  private void run() {
    try {
      var partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> target = new HashMap<>(consumer.endOffsets(partitions));
      while (running) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (!isKnownAlertOpened(record.key(), record.value(), alreadyOpened)) {
            apply(record.key(), record.value(), record.partition(), record.offset());
          }
        }
        if (caughtUp.getCount() > 0) {
          target.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
          if (target.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the poll: the view is shutting down
    } catch (RuntimeException e) {
      log.error("view of {} stopped", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void apply(String key, byte[] value, int partition, long offset) {
    try {
      view.accept(key, value == null ? null : EventJson.read(value));
    } catch (RuntimeException e) {
      log.warn("skipped unreadable record {}-{}@{}: {}", topic, partition, offset, e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
