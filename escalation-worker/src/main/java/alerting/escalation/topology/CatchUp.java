package alerting.escalation.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's rule for which overdue timers may fire after an assignment: a timer due at D fires
 * only once the task has processed, in every input partition, the last record that was on the
 * broker (committed) at some moment at or after D. So an ack sent before its deadline is always
 * read before the deadline's timer fires — one sent during the outage, and one sent while the task
 * was still reading that outage's backlog.
 *
 * <p>It works in rounds. Round one reads up to what was on the broker at the assignment; timers due
 * by then may fire once it is done. If that took longer than {@code settled}, acks may have arrived
 * meanwhile for deadlines that passed meanwhile, so a new round learns the backlog again and timers
 * due by its start wait for it; and so on, each round shorter than the last, until one ends within
 * {@code settled} of its start. From then on timers fire as they fall due.
 *
 * <p>Only when the backlog cannot be learned (no {@link BacklogProbe}, as under the test driver, or
 * a failed first probe) does the task fall back to waiting for a record sent after the assignment
 * or for the grace.
 */
final class CatchUp {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  /** A round that ends within this of its start leaves no deadline worth waiting for. */
  static final Duration SETTLED = Duration.ofMillis(250);

  private final String taskId;
  private final long assignedAt;
  private final Duration fallbackGrace;
  private final Supplier<CompletableFuture<Map<TopicPartition, Long>>> backlog;
  private final Consumer<Duration> took;
  private final Map<TopicPartition, Long> processed = new HashMap<>();
  private CompletableFuture<Map<TopicPartition, Long>> lastRecords;
  private long roundStartedAt;
  private int round = 1;
  private long horizon = Long.MIN_VALUE;
  private boolean fallingBack;
  private boolean done;

  /**
   * {@code backlog}: learns, per input partition, the offset of the last record on the broker now
   * (null when nothing can say); {@code took} hears how long the whole catch-up took.
   */
  CatchUp(
      String taskId,
      long assignedAt,
      Duration fallbackGrace,
      Supplier<CompletableFuture<Map<TopicPartition, Long>>> backlog,
      Consumer<Duration> took) {
    this.taskId = taskId;
    this.assignedAt = assignedAt;
    this.fallbackGrace = fallbackGrace;
    this.backlog = backlog;
    this.took = took;
    this.roundStartedAt = assignedAt;
    this.lastRecords = backlog == null ? null : backlog.get();
    this.fallingBack = backlog == null;
    this.done = backlog == null && fallbackGrace.isZero();
  }

  /** Starts learning the backlog of the task's partition {@code partition}, if there is a probe. */
  static CatchUp afterAssignment(
      String taskId, int partition, long assignedAt, Duration fallbackGrace, BacklogProbe probe) {
    if (probe == null) {
      return new CatchUp(taskId, assignedAt, fallbackGrace, null, took -> {});
    }
    return new CatchUp(
        taskId,
        assignedAt,
        fallbackGrace,
        () -> probe.lastRecordsToRead(partition),
        probe::caughtUp);
  }

  void processed(RecordMetadata record) {
    if (!done) {
      processed.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
    }
  }

  /** Whether every overdue timer may fire now; once true, it stays true for the task's life. */
  boolean done(long wallClockMillis, long streamTimeMillis) {
    return horizon(wallClockMillis, streamTimeMillis) >= wallClockMillis;
  }

  /**
   * The latest due time whose timers may fire now: {@link Long#MIN_VALUE} while the first round is
   * read, the start of the last round read while later ones are, and the wall clock once done.
   */
  long horizon(long wallClockMillis, long streamTimeMillis) {
    if (done) {
      return wallClockMillis;
    }
    if (fallingBack) {
      if (streamTimeMillis >= assignedAt) {
        return finish(wallClockMillis, "a record sent after the assignment read");
      }
      if (wallClockMillis >= assignedAt + fallbackGrace.toMillis()) {
        return finish(wallClockMillis, "grace over");
      }
      return horizon;
    }
    Map<TopicPartition, Long> targets;
    try {
      targets = lastRecords.getNow(null);
    } catch (CompletionException | CancellationException failure) {
      var cause = failure.getCause() == null ? failure : failure.getCause();
      if (round > 1) {
        // what was on the broker at the assignment is read: only acks of the last round's
        // length are at stake, so fire rather than hold every timer on a broker hiccup
        log.warn(
            "Task {}: could not learn its backlog again (round {}); firing due timers",
            taskId,
            round,
            cause);
        return finish(wallClockMillis, "backlog read up to round " + (round - 1));
      }
      fallingBack = true;
      log.error(
          "Task {}: could not learn the backlog of its partitions, so overdue timers may "
              + "fire before acks already sent are read; falling back to a {} grace after the "
              + "assignment",
          taskId,
          fallbackGrace,
          cause);
      return horizon(wallClockMillis, streamTimeMillis);
    }
    if (targets == null
        || !targets.entrySet().stream()
            .allMatch(last -> processed.getOrDefault(last.getKey(), -1L) >= last.getValue())) {
      return horizon;
    }
    horizon = roundStartedAt;
    if (wallClockMillis - roundStartedAt <= SETTLED.toMillis()) {
      return finish(wallClockMillis, "backlog read up to " + targets + " in round " + round);
    }
    log.info(
        "Task {}: round {} of its catch-up read up to {} in {} ms; timers due by then may fire,"
            + " later ones wait for what arrived meanwhile",
        taskId,
        round,
        targets,
        wallClockMillis - roundStartedAt);
    round++;
    roundStartedAt = wallClockMillis;
    lastRecords = backlog.get();
    return horizon;
  }

  private long finish(long wallClockMillis, String why) {
    done = true;
    processed.clear();
    var elapsed = Duration.ofMillis(Math.max(0, wallClockMillis - assignedAt));
    took.accept(elapsed);
    log.info(
        "Task {}: firing due timers {} ms after assignment ({})", taskId, elapsed.toMillis(), why);
    return wallClockMillis;
  }
}
