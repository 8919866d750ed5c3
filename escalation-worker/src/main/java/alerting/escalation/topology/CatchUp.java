package alerting.escalation.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's rule for when its overdue timers may fire after an assignment: once it has processed,
 * in every input partition, the last record that was on the broker (committed) when it was
 * assigned, however long that takes. So an ack sent before its deadline, during an outage, is
 * always read before the deadline's timer fires. Only when the backlog cannot be learned (no {@link
 * BacklogProbe}, as under the test driver, or a failed probe) does the task fall back to waiting
 * for a record sent after the assignment or for the grace.
 */
final class CatchUp {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  private final String taskId;
  private final long assignedAt;
  private final Duration fallbackGrace;
  private final CompletableFuture<Map<TopicPartition, Long>> lastRecords;
  private final Consumer<Duration> took;
  private final Map<TopicPartition, Long> processed = new HashMap<>();
  private boolean fallingBack;
  private boolean done;

  /**
   * {@code lastRecords}: per input partition, the offset of the last record to process first (null
   * when nothing can say); {@code took} hears how long the catch-up took.
   */
  CatchUp(
      String taskId,
      long assignedAt,
      Duration fallbackGrace,
      CompletableFuture<Map<TopicPartition, Long>> lastRecords,
      Consumer<Duration> took) {
    this.taskId = taskId;
    this.assignedAt = assignedAt;
    this.fallbackGrace = fallbackGrace;
    this.lastRecords = lastRecords;
    this.took = took;
    this.fallingBack = lastRecords == null;
    this.done = lastRecords == null && fallbackGrace.isZero();
  }

  /** Starts learning the backlog of the task's partition {@code partition}, if there is a probe. */
  static CatchUp afterAssignment(
      String taskId, int partition, long assignedAt, Duration fallbackGrace, BacklogProbe probe) {
    if (probe == null) {
      return new CatchUp(taskId, assignedAt, fallbackGrace, null, took -> {});
    }
    return new CatchUp(
        taskId, assignedAt, fallbackGrace, probe.lastRecordsToRead(partition), probe::caughtUp);
  }

  void processed(RecordMetadata record) {
    if (!done) {
      processed.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
    }
  }

  /** Whether overdue timers may fire now; once true, it stays true for the task's life. */
  boolean done(long wallClockMillis, long streamTimeMillis) {
    if (done) {
      return true;
    }
    if (!fallingBack) {
      Map<TopicPartition, Long> targets;
      try {
        targets = lastRecords.getNow(null);
      } catch (CompletionException | CancellationException failure) {
        fallingBack = true;
        log.error(
            "Task {}: could not learn the backlog of its partitions, so overdue timers may "
                + "fire before acks already sent are read; falling back to a {} grace after the "
                + "assignment",
            taskId,
            fallbackGrace,
            failure.getCause() == null ? failure : failure.getCause());
        return done(wallClockMillis, streamTimeMillis);
      }
      if (targets == null) {
        return false;
      }
      if (targets.entrySet().stream()
          .allMatch(last -> processed.getOrDefault(last.getKey(), -1L) >= last.getValue())) {
        return finish(wallClockMillis, "backlog read up to " + targets);
      }
      return false;
    }
    if (streamTimeMillis >= assignedAt) {
      return finish(wallClockMillis, "a record sent after the assignment read");
    }
    if (wallClockMillis >= assignedAt + fallbackGrace.toMillis()) {
      return finish(wallClockMillis, "grace over");
    }
    return false;
  }

  private boolean finish(long wallClockMillis, String why) {
    done = true;
    processed.clear();
    var elapsed = Duration.ofMillis(Math.max(0, wallClockMillis - assignedAt));
    took.accept(elapsed);
    log.info(
        "Task {}: firing due timers {} ms after assignment ({})", taskId, elapsed.toMillis(), why);
    return true;
  }
}
