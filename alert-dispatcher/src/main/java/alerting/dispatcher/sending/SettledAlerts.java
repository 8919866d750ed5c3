package alerting.dispatcher.sending;

import alerting.events.AlertAcknowledged;
import alerting.events.AlertClosed;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Event;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The alerts nobody should be texted, called or emailed about any more, so the senders drop their
 * queued and retried deliveries instead of sending them: acknowledged ({@code alerts.acks.v1}, the
 * earliest word of it, before the worker has read it) or closed with their incident ({@code
 * alerts.v1}'s {@code AlertClosed}, and {@code alerts.state.v1}'s ACKNOWLEDGED and CLOSED for what
 * came otherwise or before a restart). EXHAUSTED is not settled: nobody acknowledged, and a late
 * message may still reach the person (a late ack is recorded).
 *
 * <p>Every instance reads every partition of these topics (a replay, no consumer group): a sender's
 * partitions are not an ack's. Kept: the alert id, why and when, for a day after the alert settled
 * (by the event's time), a few hundred bytes an alert; a delivery waits in its queue or on a retry
 * topic for minutes, so a day covers all but a dispatcher outage longer than that, after which a
 * stale delivery is sent as it was before this view. Older records are not taken in at start-up,
 * and what grows older is swept out as new alerts settle.
 */
@Component
class SettledAlerts {
  /** Why a delivery of the alert is no longer sent; the reason reported and the metric's tag. */
  enum Why {
    ACKNOWLEDGED("alert acknowledged"),
    CLOSED("alert closed");

    final String reason;

    Why(String reason) {
      this.reason = reason;
    }

    String tag() {
      return name().toLowerCase();
    }
  }

  private record Settled(Why why, Instant at) {}

  static final Duration KEEP = Duration.ofDays(1);
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

  /**
   * Senders asking before the replays caught up (just after a start, when a crashed instance's
   * deliveries come again) wait for them, for at most this long from the first question in all,
   * well inside a poll's transaction timeout; after that they are answered from what has been read,
   * without waiting again, so a replay that cannot catch up never slows every send down.
   */
  static final Duration CATCH_UP = Duration.ofSeconds(15);

  /** Jackson writes the type id first: alert openings need no parsing for this view. */
  private static final byte[] ALERT_OPENED_PREFIX =
      "{\"type\":\"alert-opened.v1\"".getBytes(StandardCharsets.UTF_8);

  private final Map<String, Settled> settled = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration catchUp;
  private final TopicReplay acks;
  private final TopicReplay alerts;
  private final TopicReplay states;
  private volatile Instant nextSweep = Instant.MIN;
  private long waitUntilNanos;
  private boolean waiting;

  @Autowired
  SettledAlerts(ReplayedTopics replays) {
    this(replays, Clock.systemUTC(), CATCH_UP);
  }

  SettledAlerts(ReplayedTopics replays, Clock clock, Duration catchUp) {
    this.clock = clock;
    this.catchUp = catchUp;
    this.acks = replays.follow(Topics.ACKS, this::on);
    this.alerts = replays.follow(Topics.ALERTS, (key, value) -> isAlertOpened(value), this::on);
    this.states = replays.follow(Topics.ALERT_STATE, this::on);
  }

  /** Why the alert's deliveries are no longer sent, or empty while it may still need them. */
  Optional<Why> why(String alertId) {
    awaitCaughtUp();
    return known(alertId);
  }

  private void awaitCaughtUp() {
    if (acks.isCaughtUp() && alerts.isCaughtUp() && states.isCaughtUp()) {
      return;
    }
    long until;
    synchronized (this) {
      if (!waiting) {
        waiting = true;
        waitUntilNanos = System.nanoTime() + catchUp.toNanos();
      }
      until = waitUntilNanos;
    }
    for (var replay : List.of(acks, alerts, states)) {
      var left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      replay.awaitCaughtUp(Duration.ofNanos(left));
    }
  }

  /** As {@link #why}, from what has been read so far. */
  Optional<Why> known(String alertId) {
    var found = settled.get(alertId);
    return found == null ? Optional.empty() : Optional.of(found.why());
  }

  int size() {
    return settled.size();
  }

  void on(String alertId, Event event) {
    if (event instanceof AlertAcknowledged ack) {
      settle(alertId, Why.ACKNOWLEDGED, ack.occurredAt());
    } else if (event instanceof AlertClosed closed) {
      settle(alertId, Why.CLOSED, closed.occurredAt());
    } else if (event instanceof AlertState state) {
      if (state.status() == AlertStatus.ACKNOWLEDGED) {
        settle(alertId, Why.ACKNOWLEDGED, state.occurredAt());
      } else if (state.status() == AlertStatus.CLOSED) {
        settle(alertId, Why.CLOSED, state.occurredAt());
      }
    }
  }

  private void settle(String alertId, Why why, Instant at) {
    var now = clock.instant();
    var oldest = now.minus(KEEP);
    if (alertId == null || at.isBefore(oldest)) {
      return;
    }
    // the first word wins: an ack read before the ACKNOWLEDGED state keeps its earlier time
    settled.putIfAbsent(alertId, new Settled(why, at));
    if (now.isAfter(nextSweep)) {
      nextSweep = now.plus(SWEEP_EVERY);
      settled.values().removeIf(s -> s.at().isBefore(oldest));
    }
  }

  private static boolean isAlertOpened(byte[] value) {
    return value != null
        && value.length > ALERT_OPENED_PREFIX.length
        && Arrays.equals(
            value,
            0,
            ALERT_OPENED_PREFIX.length,
            ALERT_OPENED_PREFIX,
            0,
            ALERT_OPENED_PREFIX.length);
  }
}
