package alerting.systemtests.faults;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alerts' states and the deliveries' reports as the run goes (read_committed): every
 * alert's latest status, to know when it has ended, and when each record arrived here, per
 * partition, to time a broker's loss by the first work seen again on the partitions it led — a
 * record written after the kill and read after it, so writing, committing and reading all resumed.
 */
final class TopicWatch implements AutoCloseable {
  static final List<String> WATCHED =
      List.of(Topics.ALERT_STATE.name(), Topics.DELIVERY_STATUS.name());

  /** When a record was read here, and its producer's timestamp. */
  private record Arrival(long readAt, long producedAt) {}

  private final Map<String, AlertStatus> live;
  private final Map<TopicPartition, List<Arrival>> arrivals = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, Event> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  TopicWatch(String bootstrap, Map<String, AlertStatus> live) {
    this.live = live;
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "fault-watch-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new EventSerde().deserializer());
    // assigned, not subscribed: no group coordinator, which a killed broker may have been, stands
    // between the watch and the partitions' new leaders
    var partitions =
        WATCHED.stream()
            .flatMap(
                topic ->
                    consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::read, "fault-topic-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    while (running) {
      try {
        var records = consumer.poll(Duration.ofMillis(200));
        var now = System.currentTimeMillis();
        for (var r : records) {
          arrivals
              .computeIfAbsent(
                  new TopicPartition(r.topic(), r.partition()),
                  tp -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(new Arrival(now, r.timestamp()));
          if (r.value() instanceof AlertState s) {
            live.put(s.alertId(), s.status());
          }
        }
      } catch (RuntimeException e) {
        // a broker going away mid-poll: the client reconnects on the next one
        System.err.println("topic watch: " + e);
      }
    }
    consumer.close();
  }

  /**
   * The first moment a record produced at or after {@code from} was read on {@code partition}; null
   * when none was.
   */
  Instant firstWorkAfter(TopicPartition partition, Instant from) {
    var list = arrivals.getOrDefault(partition, List.of());
    synchronized (list) {
      return list.stream()
          .filter(a -> a.producedAt() >= from.toEpochMilli() && a.readAt() >= from.toEpochMilli())
          .map(a -> Instant.ofEpochMilli(a.readAt()))
          .min(Instant::compareTo)
          .orElse(null);
    }
  }

  /** The watched ones among {@code partitions}. */
  static List<TopicPartition> watched(Collection<TopicPartition> partitions) {
    return partitions.stream()
        .filter(tp -> WATCHED.contains(tp.topic()))
        .sorted(
            java.util.Comparator.comparing(TopicPartition::topic)
                .thenComparing(TopicPartition::partition))
        .toList();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
