package alerting.escalation.bench;

import alerting.escalation.bench.EscalationObserver.Fired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** What one batch of timers came to: escalations against expectations, and their lateness. */
record BatchResult(
    String name,
    int timers,
    int acknowledgedInTime,
    int expected,
    int fired,
    int lost,
    int duplicates,
    int firedAfterAck,
    int ackReadAfterDeadline,
    Percentiles fireLateness,
    Percentiles visibleLateness) {

  /** p50/p99/max in milliseconds, over {@code count} samples. */
  record Percentiles(int count, long p50, long p99, long max) {
    static Percentiles of(List<Long> samples) {
      if (samples.isEmpty()) {
        return new Percentiles(0, 0, 0, 0);
      }
      var sorted = samples.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      return new Percentiles(
          sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long at(long[] sorted, double quantile) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    @Override
    public String toString() {
      return "p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (" + count + " timers)";
    }
  }

  /** Judges every alert of the batch; {@code dueIn} picks which timers count for lateness. */
  static BatchResult of(TimerBatch batch, EscalationObserver observer, Predicate<Instant> dueIn) {
    var acked = batch.acknowledgedInTime();
    int expected = 0;
    int fired = 0;
    int lost = 0;
    int duplicates = 0;
    int firedAfterAck = 0;
    int ackReadLate = 0;
    var fireLateness = new ArrayList<Long>();
    var visibleLateness = new ArrayList<Long>();
    for (var alertId : batch.alertIds) {
      var escalations = observer.escalations.get(alertId);
      var count = escalations == null ? 0 : escalations.size();
      duplicates += Math.max(0, count - 1);
      var due = batch.dueAt.get(alertId);
      if (!acked.contains(alertId)) {
        expected++;
        if (count == 0) {
          lost++;
          continue;
        }
        fired++;
        Fired first = escalations.peek();
        if (dueIn.test(due)) {
          fireLateness.add(Math.max(0, Duration.between(due, first.firedAt()).toMillis()));
          visibleLateness.add(Math.max(0, Duration.between(due, first.seenAt()).toMillis()));
        }
      } else if (count > 0) {
        var ackProcessed = observer.ackProcessedAt.get(alertId);
        if (ackProcessed == null || !escalations.peek().firedAt().isBefore(ackProcessed)) {
          firedAfterAck++;
        } else {
          ackReadLate++;
        }
      }
    }
    return new BatchResult(
        batch.name,
        batch.alertIds.size(),
        acked.size(),
        expected,
        fired,
        lost,
        duplicates,
        firedAfterAck,
        ackReadLate,
        Percentiles.of(fireLateness),
        Percentiles.of(visibleLateness));
  }
}
