package alerting.escalation.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One batch of alerts: each one's first deadline, spread evenly over a window, and which of them
 * will be acknowledged a little before that deadline.
 */
final class TimerBatch {
  final String name;
  final List<String> alertIds = new ArrayList<>();
  final Map<String, Instant> dueAt = new HashMap<>();
  final Map<String, Instant> ackSendAt = new HashMap<>();

  /** When the broker confirmed each ack: only an ack confirmed before its deadline must win. */
  final Map<String, Instant> ackConfirmedAt = new ConcurrentHashMap<>();

  final Instant firstDue;
  final Instant lastDue;

  TimerBatch(
      String name, int timers, double ackRatio, Instant firstDue, Duration spread, long seed) {
    this.name = name;
    this.firstDue = firstDue;
    this.lastDue = firstDue.plus(spread);
    var random = new Random(seed);
    for (int i = 0; i < timers; i++) {
      var alertId = new UUID(random.nextLong(), random.nextLong()).toString();
      var due = firstDue.plusMillis((long) (random.nextDouble() * spread.toMillis()));
      alertIds.add(alertId);
      dueAt.put(alertId, due);
      if (random.nextDouble() < ackRatio) {
        // one to five seconds early: in time, yet while the timers around it are firing
        ackSendAt.put(alertId, due.minusMillis(1000 + random.nextInt(4000)));
      }
    }
  }

  Set<String> acknowledgedInTime() {
    var inTime = new HashSet<String>();
    ackConfirmedAt.forEach(
        (alertId, confirmed) -> {
          if (confirmed.isBefore(dueAt.get(alertId))) {
            inTime.add(alertId);
          }
        });
    return inTime;
  }
}
