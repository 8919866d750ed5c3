package alerting.escalation.topology;

import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.kafka.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns, for a task just assigned, the backlog it must read before its overdue timers may fire:
 * per input partition, the offset of the last record a read-committed reader is handed below the
 * partition's last stable offset of that moment. Transaction markers and aborted records are never
 * handed to the task, so "read up to the end offset" means "processed that record". One probe per
 * streams client, on its own thread (the stream thread never waits for the broker); the tasks
 * assigned together are probed together.
 */
public final class BacklogProbe implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BacklogProbe.class);

  /** How far back from the end offset the first look for the last record goes. */
  private static final int FIRST_WINDOW = 256;

  private final String groupId;
  private final List<String> topics;
  private final Duration patience;
  private final Admin admin;
  private final Consumer<byte[], byte[]> reader;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            var daemon = new Thread(runnable, "escalation-backlog-probe");
            daemon.setDaemon(true);
            return daemon;
          });
  private final Deserializer<Event> events = new EventSerde().deserializer();
  private final Timer catchUp;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

  /**
   * {@code client}: connection and security settings ({@code spring.kafka.*} admin properties);
   * {@code groupId}: the streams application id, whose committed offsets say where a task starts;
   * {@code patience}: how long one probe may take before the task falls back to the grace rule.
   */
  public BacklogProbe(
      Map<String, Object> client,
      String groupId,
      List<Topic> inputs,
      Duration patience,
      MeterRegistry registry) {
    this.groupId = groupId;
    this.topics = inputs.stream().map(Topic::name).toList();
    this.patience = patience;
    this.admin = KafkaClients.admin(only(client, AdminClientConfig.configNames()));
    var consumer = only(client, ConsumerConfig.configNames());
    consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-backlog-probe");
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.reader =
        KafkaClients.consumer(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.catchUp =
        Timer.builder("alerting.escalation.catch.up")
            .description(
                "From a task's assignment until it had read the backlog of its partitions "
                    + "and its overdue timers could fire")
            .publishPercentileHistogram()
            .register(registry);
  }

  private static Map<String, Object> only(Map<String, Object> client, Set<String> names) {
    var config = new HashMap<String, Object>();
    client.forEach(
        (key, value) -> {
          if (names.contains(key)) {
            config.put(key, value);
          }
        });
    return config;
  }

  /** The last record to read per input partition of the task; partitions with none are left out. */
  CompletableFuture<Map<TopicPartition, Long>> lastRecordsToRead(int partition) {
    var partitions = topics.stream().map(topic -> new TopicPartition(topic, partition)).toList();
    var request = new Request(partitions, new CompletableFuture<>());
    requests.add(request);
    thread.execute(this::serveWaiting);
    return request.result().orTimeout(patience.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  void caughtUp(Duration took) {
    catchUp.record(took);
  }

  private record Request(
      List<TopicPartition> partitions, CompletableFuture<Map<TopicPartition, Long>> result) {}

  /** Tasks are assigned in bunches: one look at the broker serves every task waiting. */
  private void serveWaiting() {
    var batch = new ArrayList<Request>();
    requests.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    var partitions = batch.stream().flatMap(request -> request.partitions().stream()).toList();
    var began = System.nanoTime();
    try {
      var last = probe(partitions);
      log.info(
          "Learned the backlog of {} task(s) in {} ms: last records {}",
          batch.size(),
          Duration.ofNanos(System.nanoTime() - began).toMillis(),
          last);
      for (var request : batch) {
        var own = new HashMap<TopicPartition, Long>();
        request.partitions().stream()
            .filter(last::containsKey)
            .forEach(partition -> own.put(partition, last.get(partition)));
        request.result().complete(own);
      }
    } catch (Exception failure) {
      batch.forEach(request -> request.result().completeExceptionally(failure));
    }
  }

  private Map<TopicPartition, Long> probe(List<TopicPartition> partitions) {
    try {
      var giveUpAt = System.nanoTime() + patience.toNanos();
      var ends = endOffsets(partitions);
      var starts = committedOffsets(partitions);
      var last = new HashMap<TopicPartition, Long>();
      var unread =
          partitions.stream()
              .filter(partition -> ends.get(partition) > starts.getOrDefault(partition, 0L))
              .toList();
      // back from the end in widening windows, until a record is met or the start is reached
      for (long window = FIRST_WINDOW; !unread.isEmpty(); window *= 8) {
        var from = new HashMap<TopicPartition, Long>();
        for (var partition : unread) {
          from.put(
              partition,
              Math.max(starts.getOrDefault(partition, 0L), ends.get(partition) - window));
        }
        last.putAll(lastRecordsFrom(from, ends, giveUpAt));
        unread =
            unread.stream()
                .filter(
                    partition ->
                        !last.containsKey(partition)
                            && from.get(partition) > starts.getOrDefault(partition, 0L))
                .toList();
      }
      return last;
    } catch (Exception failure) {
      throw new IllegalStateException("could not learn the backlog of " + partitions, failure);
    }
  }

  /** The last stable offsets: what a read-committed reader can reach at this moment. */
  private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws Exception {
    var specs = new HashMap<TopicPartition, OffsetSpec>();
    partitions.forEach(partition -> specs.put(partition, OffsetSpec.latest()));
    var listed =
        admin
            .listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(patience.toMillis(), TimeUnit.MILLISECONDS);
    var ends = new HashMap<TopicPartition, Long>();
    listed.forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /** Where the task starts reading: the group's offsets, stable (no commit still in flight). */
  private Map<TopicPartition, Long> committedOffsets(List<TopicPartition> partitions)
      throws Exception {
    var committed =
        admin
            .listConsumerGroupOffsets(
                Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                new ListConsumerGroupOffsetsOptions().requireStable(true))
            .partitionsToOffsetAndMetadata(groupId)
            .get(patience.toMillis(), TimeUnit.MILLISECONDS);
    var starts = new HashMap<TopicPartition, Long>();
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            starts.put(partition, offset.offset());
          }
        });
    return starts;
  }

  /**
   * The last record in [from, end) of each partition that the task will be handed: one whose value
   * deserializes (the others go to the dead-letter topic, not to the processor).
   */
  private Map<TopicPartition, Long> lastRecordsFrom(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, long giveUpAt)
      throws TimeoutException {
    reader.assign(from.keySet());
    from.forEach(reader::seek);
    var last = new HashMap<TopicPartition, Long>();
    while (from.keySet().stream()
        .anyMatch(partition -> reader.position(partition, patience) < ends.get(partition))) {
      if (System.nanoTime() > giveUpAt) {
        throw new TimeoutException(
            "reading " + from.keySet() + " up to " + ends + " took over " + patience);
      }
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(partition) && handedToTheTask(record)) {
          last.merge(partition, record.offset(), Math::max);
        }
      }
    }
    return last;
  }

  private boolean handedToTheTask(ConsumerRecord<byte[], byte[]> record) {
    try {
      events.deserialize(record.topic(), record.headers(), record.value());
      return true;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    reader.close(Duration.ofSeconds(1));
    admin.close(Duration.ofSeconds(1));
  }
}
