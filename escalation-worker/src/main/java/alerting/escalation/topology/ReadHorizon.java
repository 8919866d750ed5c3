package alerting.escalation.topology;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's rule for which timers may fire: a timer due at D fires only once the task has
 * processed, in every input partition, every record that was on the broker (committed) at some
 * moment at or after D. So an ack that reached the broker before its deadline is always read before
 * the deadline's timer fires — whether it was sent while the worker was down, while it read that
 * outage's backlog after an assignment, or while it fell behind under load — however long the
 * reading takes.
 *
 * <p>The {@link BacklogProbe} confirms it in rounds, on a thread of its own: a round that starts at
 * R learns each input partition's last stable offset and finds no record the task will be handed
 * between what the task has processed and that offset; then every timer due by R may fire ({@link
 * #confirm}). Rounds follow each other every few tens of milliseconds, so on a worker that keeps up
 * the horizon trails the wall clock by about a round; on one that is behind, it stays where the
 * task's reading is.
 *
 * <p>Without a probe (the test driver, where there is no broker), or when the probe has failed for
 * longer than the grace, timers fall back to firing as they fall due, after a record sent after the
 * assignment or the grace has passed: a broker the worker cannot ask must not hold every
 * escalation.
 */
final class ReadHorizon {
  private static final Logger log = LoggerFactory.getLogger(ReadHorizon.class);
  private static final long NOT_FAILING = Long.MIN_VALUE;

  private final String taskId;
  private final int partition;
  private final long assignedAt;
  private final Duration grace;
  private final boolean probed;
  private final Consumer<Duration> caughtUpAfter;

  /** Written on the stream thread, read by the probe's rounds. */
  private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();

  /** The start of the last round that found nothing unread: timers due by it may fire. */
  private volatile long confirmed = Long.MIN_VALUE;

  private volatile long failingSince = NOT_FAILING;
  private volatile Exception failure;

  // the stream thread's own
  private boolean caughtUp;
  private boolean fallingBack;

  /**
   * {@code probed}: whether a {@link BacklogProbe} confirms this task's rounds; {@code
   * caughtUpAfter} hears how long the task took from its assignment to its first confirmed round.
   */
  ReadHorizon(
      String taskId,
      int partition,
      long assignedAt,
      Duration grace,
      boolean probed,
      Consumer<Duration> caughtUpAfter) {
    this.taskId = taskId;
    this.partition = partition;
    this.assignedAt = assignedAt;
    this.grace = grace;
    this.probed = probed;
    this.caughtUpAfter = caughtUpAfter;
  }

  String taskId() {
    return taskId;
  }

  /** The task's partition number, the same in every co-partitioned input. */
  int partition() {
    return partition;
  }

  long assignedAt() {
    return assignedAt;
  }

  /** For the lag gauge: the confirmed horizon, or the assignment while there is none. */
  long confirmedOrAssigned() {
    var horizon = confirmed;
    return horizon == Long.MIN_VALUE ? assignedAt : horizon;
  }

  /** Called on the stream thread for every record handed to the task, before it is handled. */
  void processed(RecordMetadata record) {
    var partition = new TopicPartition(record.topic(), record.partition());
    var before = processed.put(partition, record.offset());
    if (before != null && record.offset() <= before) {
      // read again from an earlier offset: a transaction was aborted and the task rewound to its
      // last commit, so what was read since, acks included, no longer counts; nothing fires until
      // a round confirms the reading again
      log.warn(
          "Task {}: {} read again from offset {} (had read up to {}); timers wait for the reading"
              + " to be confirmed again",
          taskId,
          partition,
          record.offset(),
          before);
      processed.keySet().retainAll(java.util.Set.of(partition));
      confirmed = Long.MIN_VALUE;
    }
  }

  /** The highest offset processed per input partition; a partition not read yet is absent. */
  Map<TopicPartition, Long> processedSoFar() {
    return Map.copyOf(processed);
  }

  /** A round that started at {@code roundStartedAt} found nothing unread below the end offsets. */
  void confirm(long roundStartedAt) {
    if (roundStartedAt > confirmed) {
      confirmed = roundStartedAt;
    }
    failingSince = NOT_FAILING;
    failure = null;
  }

  /** A round that started at {@code roundStartedAt} could not learn the end offsets or read. */
  void failed(long roundStartedAt, Exception cause) {
    if (failingSince == NOT_FAILING) {
      failingSince = roundStartedAt;
    }
    failure = cause;
  }

  /** Whether timers due by now may fire; once caught up, timers fire as the rounds confirm. */
  boolean done(long wallClockMillis, long streamTimeMillis) {
    return horizon(wallClockMillis, streamTimeMillis) >= wallClockMillis;
  }

  /**
   * The latest due time whose timers may fire now: {@link Long#MIN_VALUE} until the first round
   * after the assignment is confirmed, then the start of the last confirmed round; the wall clock
   * when falling back.
   */
  long horizon(long wallClockMillis, long streamTimeMillis) {
    if (!probed) {
      if (!caughtUp
          && streamTimeMillis < assignedAt
          && wallClockMillis < assignedAt + grace.toMillis()) {
        return Long.MIN_VALUE;
      }
      caughtUp(wallClockMillis, "a record sent after the assignment read, or the grace over");
      return wallClockMillis;
    }
    var since = failingSince;
    if (since != NOT_FAILING && wallClockMillis - since >= grace.toMillis()) {
      if (!fallingBack) {
        fallingBack = true;
        log.error(
            "Task {}: could not learn what is on the broker for {} ms, so due timers now fire"
                + " without waiting for acks already sent to be read",
            taskId,
            wallClockMillis - since,
            failure);
      }
      caughtUp(wallClockMillis, "the broker could not be asked");
      return wallClockMillis;
    }
    if (fallingBack && since == NOT_FAILING) {
      fallingBack = false;
      log.info("Task {}: the broker answers again; timers wait for reading again", taskId);
    }
    var horizon = confirmed;
    if (horizon != Long.MIN_VALUE) {
      caughtUp(wallClockMillis, "everything on the broker at " + horizon + " read");
    }
    return horizon;
  }

  private void caughtUp(long wallClockMillis, String why) {
    if (caughtUp) {
      return;
    }
    caughtUp = true;
    var elapsed = Duration.ofMillis(Math.max(0, wallClockMillis - assignedAt));
    caughtUpAfter.accept(elapsed);
    log.info(
        "Task {}: firing due timers {} ms after assignment ({})", taskId, elapsed.toMillis(), why);
  }
}
