package alerting.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, Kafka-backed view: reads a topic from its beginning on every start and keeps
 * following it, handing each record to the view. Nothing is committed, so a restart rebuilds the
 * view from Kafka. {@link #start} returns once the records present at start-up have been read.
 * Records that are not valid events are logged and skipped.
 */
public final class TopicReplay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

  private final Topic topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final BiConsumer<String, Event> view;
  private final BiPredicate<String, byte[]> skip;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * {@code clientProperties} are the service's own Kafka client settings (bootstrap servers,
   * security protocol, SASL, SSL), e.g. Spring Boot's {@code KafkaProperties.buildConsumerProperties()}:
   * a view reads with the service's credentials like every other client of it.
   */
  public TopicReplay(Map<String, Object> clientProperties, Topic topic, BiConsumer<String, Event> view) {
    this(clientProperties, topic, (key, value) -> false, view);
  }

  /**
   * {@code skip} sees each record's key and raw value first: records it accepts are not parsed,
   * for views that can tell from the bytes that a record holds nothing new for them.
   */
  public TopicReplay(Map<String, Object> clientProperties, Topic topic, BiPredicate<String, byte[]> skip,
      BiConsumer<String, Event> view) {
    this.topic = topic;
    this.view = view;
    this.skip = skip;
    var props = new Properties();
    props.putAll(clientProperties);
    // a view assigns itself every partition and commits nothing: no consumer group to join or be allowed
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + topic.name() + "-" + System.identityHashCode(this));
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    this.thread = new Thread(this::run, "replay-" + topic.name());
    thread.setDaemon(true);
  }

  /**
   * Follows {@code topic} into {@code view}, returning once what was already on the topic has
   * been read (or after {@code maxWait}, serving what it has by then).
   */
  public static TopicReplay follow(Map<String, Object> clientProperties, Topic topic, Duration maxWait,
      BiConsumer<String, Event> view) {
    return follow(clientProperties, topic, maxWait, (key, value) -> false, view);
  }

  /** As {@link #follow(Map, Topic, Duration, BiConsumer)}, leaving unparsed what {@code skip} accepts. */
  public static TopicReplay follow(Map<String, Object> clientProperties, Topic topic, Duration maxWait,
      BiPredicate<String, byte[]> skip, BiConsumer<String, Event> view) {
    var replay = new TopicReplay(clientProperties, topic, skip, view);
    try {
      replay.start(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return replay;
  }

  /** Starts following the topic and waits until what was already on it has been read. */
  public void start(Duration maxWait) throws InterruptedException {
    thread.start();
    if (!caughtUp.await(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("view of {} still catching up after {}; serving what it has", topic, maxWait);
    }
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
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
      // close() woke the poll: the view is shutting down
    } catch (RuntimeException e) {
      log.error("view of {} stopped", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void apply(String key, byte[] value, int partition, long offset) {
    if (skip.test(key, value)) {
      return;
    }
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
