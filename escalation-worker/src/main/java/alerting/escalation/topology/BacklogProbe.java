package alerting.escalation.topology;

import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * Confirms, round after round, how far each task of this streams client has read what is on the
 * broker (see {@link ReadHorizon}): a round learns the last stable offset of every input partition
 * of the tasks it tracks — what a read-committed reader can reach at that moment — and looks
 * between what each task has processed and that offset for a record the task will be handed
 * (transaction markers and aborted records never are; nor is a record whose value cannot be read,
 * which goes to the dead-letter topic; a worker's own deadline schedule coming back is handed over
 * but tells the task nothing, see {@link OwnSchedules}). A task with none in any of its partitions
 * has read everything that was on the broker when the round started. One probe per streams client,
 * on its own thread: the stream thread never waits for the broker.
 */
public final class BacklogProbe implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BacklogProbe.class);

  /**
   * The pause between rounds: how far, besides the round itself (a list-offsets request and usually
   * one fetch of the markers past the last record), timers may trail their due time.
   */
  static final Duration BETWEEN_ROUNDS = Duration.ofMillis(20);

  /** A round's reads stop at a partition's first unread record: no need to fetch much more. */
  private static final int FETCH_BYTES_PER_PARTITION = 64 * 1024;

  private final String groupId;
  private final List<String> topics;
  private final Duration patience;
  private final Admin admin;
  private final Consumer<byte[], byte[]> reader;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            var daemon = new Thread(runnable, "escalation-backlog-probe");
            daemon.setDaemon(true);
            return daemon;
          });
  private final Deserializer<Event> events = new EventSerde().deserializer();
  private final Timer catchUp;
  private final Set<ReadHorizon> tracked = ConcurrentHashMap.newKeySet();

  /**
   * What each task must have read for its next confirmation: the end offsets a round found, and
   * when it started. A task is held to the same target round after round until it has read that
   * far, and then given the current round's. Checking a task against each new round's end offsets
   * instead almost never confirms under steady input: records appended in the instant before the
   * listing are always still unread by the task, so its horizon stood still for seconds while it
   * kept up.
   */
  private final Map<ReadHorizon, Target> targets = new ConcurrentHashMap<>();

  private record Target(long startedAt, Map<TopicPartition, Long> ends) {}

  /**
   * {@code client}: connection and security settings ({@code spring.kafka.*} admin properties);
   * {@code groupId}: the streams application id, whose committed offsets say where a task starts;
   * {@code patience}: how long one round may take before it counts as failed.
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
    consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES_PER_PARTITION);
    this.reader =
        KafkaClients.consumer(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.catchUp =
        Timer.builder("alerting.escalation.catch.up")
            .description(
                "From a task's assignment until it had read the backlog of its partitions "
                    + "and its overdue timers could fire")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("alerting.escalation.read.horizon.lag", this, BacklogProbe::horizonLagSeconds)
        .description(
            "How far behind the wall clock the slowest task's read horizon is: timers due since"
                + " then wait until the acks already on the broker are read")
        .baseUnit("seconds")
        .register(registry);
    thread.scheduleWithFixedDelay(this::round, 0, BETWEEN_ROUNDS.toMillis(), TimeUnit.MILLISECONDS);
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

  /** A task just assigned: its timers wait for its rounds from now until it is closed. */
  ReadHorizon track(String taskId, int partition, long assignedAt, Duration grace) {
    var horizon = new ReadHorizon(taskId, partition, assignedAt, grace, true, catchUp::record);
    tracked.add(horizon);
    return horizon;
  }

  void untrack(ReadHorizon horizon) {
    tracked.remove(horizon);
    targets.remove(horizon);
    reportedTargets.remove(horizon);
  }

  private double horizonLagSeconds() {
    var now = System.currentTimeMillis();
    return tracked.stream()
            .mapToLong(ReadHorizon::confirmedOrAssigned)
            .map(horizon -> Math.max(0, now - horizon))
            .max()
            .orElse(0)
        / 1000.0;
  }

  /**
   * One round for every tracked task: a task that has nothing unread below its target's end offsets
   * is confirmed up to the target's start, and its next target is this round's end offsets.
   */
  private void round() {
    if (tracked.isEmpty()) {
      return;
    }
    var tasks = List.copyOf(tracked);
    var startedAt = System.currentTimeMillis();
    try {
      var partitions = new ArrayList<TopicPartition>();
      for (var task : tasks) {
        topics.forEach(topic -> partitions.add(new TopicPartition(topic, task.partition())));
      }
      var giveUpAt = System.nanoTime() + patience.toNanos();
      var ends = endOffsets(partitions);
      var targetEnds = new HashMap<TopicPartition, Long>();
      var from = new HashMap<TopicPartition, Long>();
      var neverRead = new ArrayList<TopicPartition>();
      for (var task : tasks) {
        var target = targets.computeIfAbsent(task, t -> targetOf(t, startedAt, ends));
        targetEnds.putAll(target.ends());
        var processed = task.processedSoFar();
        for (var topic : topics) {
          var partition = new TopicPartition(topic, task.partition());
          var last = processed.get(partition);
          if (last == null) {
            neverRead.add(partition);
          } else {
            from.put(partition, last + 1);
          }
        }
      }
      if (!neverRead.isEmpty()) {
        // not read since the assignment: the task starts where the group committed
        var committed = committedOffsets(neverRead);
        neverRead.forEach(partition -> from.put(partition, committed.getOrDefault(partition, 0L)));
      }
      var toRead = new HashMap<TopicPartition, Long>();
      from.forEach(
          (partition, offset) -> {
            if (offset < targetEnds.get(partition)) {
              toRead.put(partition, offset);
            }
          });
      var unread =
          toRead.isEmpty() ? Set.<TopicPartition>of() : unreadIn(toRead, targetEnds, giveUpAt);
      for (var task : tasks) {
        if (unread.stream().noneMatch(partition -> partition.partition() == task.partition())) {
          var target = targets.get(task);
          if (log.isDebugEnabled()) {
            log.debug("Task {}: nothing unread below {} (from {})", task.taskId(), target, from);
          }
          task.confirm(target.startedAt());
          targets.put(task, targetOf(task, startedAt, ends));
        } else {
          reportSlowReading(task, startedAt, unread, from);
        }
      }
    } catch (Exception cause) {
      log.debug("A read-horizon round failed", cause);
      tasks.forEach(task -> task.failed(startedAt, cause));
    }
  }

  /** How long a task may take to read up to a round's end offsets before the log says where. */
  private static final long SLOW_READING_MILLIS = 1_000;

  private final Map<ReadHorizon, Long> reportedTargets = new ConcurrentHashMap<>();

  /**
   * Once per target that a task has not read within a second: which partitions hold it back and how
   * far, so an operator (or a benchmark) can tell a slow task from a slow probe.
   */
  private void reportSlowReading(
      ReadHorizon task,
      long startedAt,
      Set<TopicPartition> unread,
      Map<TopicPartition, Long> from) {
    var target = targets.get(task);
    if (startedAt - target.startedAt() < SLOW_READING_MILLIS
        || Long.valueOf(target.startedAt()).equals(reportedTargets.get(task))) {
      return;
    }
    reportedTargets.put(task, target.startedAt());
    var behind = new java.util.TreeMap<String, String>();
    unread.stream()
        .filter(partition -> partition.partition() == task.partition())
        .forEach(
            partition ->
                behind.put(
                    partition.toString(),
                    "from " + from.get(partition) + " to " + target.ends().get(partition)));
    log.info(
        "Task {}: still reading the records on the broker {} ms ago: {}",
        task.taskId(),
        startedAt - target.startedAt(),
        behind);
  }

  private Target targetOf(ReadHorizon task, long startedAt, Map<TopicPartition, Long> ends) {
    var own = new HashMap<TopicPartition, Long>();
    ends.forEach(
        (partition, end) -> {
          if (partition.partition() == task.partition()) {
            own.put(partition, end);
          }
        });
    return new Target(startedAt, Map.copyOf(own));
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
   * The partitions that hold, in [from, end), a record the task will be handed: a round only needs
   * to know that there is one, so a partition is left alone once one is met.
   */
  private Set<TopicPartition> unreadIn(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, long giveUpAt)
      throws TimeoutException {
    reader.assign(from.keySet());
    // assign keeps a partition's pause across rounds: each round reads afresh
    reader.resume(reader.paused());
    from.forEach(reader::seek);
    var unread = new HashSet<TopicPartition>();
    var open = new HashSet<>(from.keySet());
    while (true) {
      open.removeIf(
          partition ->
              unread.contains(partition)
                  || reader.position(partition, patience) >= ends.get(partition));
      if (open.isEmpty()) {
        return unread;
      }
      if (System.nanoTime() > giveUpAt) {
        throw new TimeoutException("reading " + open + " up to " + ends + " took over " + patience);
      }
      reader.pause(unread);
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(20))) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(partition) && handedToTheTask(record)) {
          unread.add(partition);
        }
      }
    }
  }

  private boolean handedToTheTask(ConsumerRecord<byte[], byte[]> record) {
    if (OwnSchedules.isOwn(record.headers())) {
      // handed to the task, but nothing in it is news to it: its timer was set when it was written
      return false;
    }
    try {
      events.deserialize(record.topic(), record.headers(), record.value());
      return true;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  @Override
  public void close() {
    tracked.clear();
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
