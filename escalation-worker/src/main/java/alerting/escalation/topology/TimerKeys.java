package alerting.escalation.topology;

import alerting.escalation.policy.Deadline;
import java.time.Instant;

/**
 * Timer-store keys that sort by due time: zero-padded epoch millis, then alert and attempt. The
 * store compares UTF-8 bytes, so a range scan up to "now" yields exactly the due timers.
 */
final class TimerKeys {
  private static final String FORMAT = "%015d|%s|%d";

  private TimerKeys() {}

  static String of(Deadline deadline) {
    return String.format(
        FORMAT, deadline.dueAt().toEpochMilli(), deadline.alertId(), deadline.attempt());
  }

  /**
   * A key of the endings store: when an ended alert is to be forgotten. Same order as deadlines;
   * its attempt is 0, which no deadline has.
   */
  static String ending(String alertId, Instant forgetAt) {
    return String.format(FORMAT, forgetAt.toEpochMilli(), alertId, 0);
  }

  static String first() {
    return String.format("%015d", 0);
  }

  /** The greatest key due at or before {@code epochMillis}. */
  static String dueBy(long epochMillis) {
    return String.format("%015d|\uffff", epochMillis);
  }

  static Deadline parse(String key) {
    var firstBar = key.indexOf('|');
    var lastBar = key.lastIndexOf('|');
    return new Deadline(
        key.substring(firstBar + 1, lastBar),
        Integer.parseInt(key.substring(lastBar + 1)),
        Instant.ofEpochMilli(Long.parseLong(key.substring(0, firstBar))));
  }
}
