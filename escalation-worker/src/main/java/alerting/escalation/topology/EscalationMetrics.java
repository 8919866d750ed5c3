package alerting.escalation.topology;

import alerting.escalation.policy.Escalation;
import alerting.escalation.policy.Transition;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The worker's meters, all named {@code alerting.*}; one instance per streams client. */
public final class EscalationMetrics {
  private final MeterRegistry registry;
  private final Map<String, Long> pendingByTask = new ConcurrentHashMap<>();
  private final Map<String, Duration> overdueByTask = new ConcurrentHashMap<>();
  private final Timer lateness;
  private final Timer timeToAck;
  private final Counter acknowledged;
  private final Counter exhausted;
  private final Counter closed;
  private final Counter lateClosures;
  private final Counter staleTimers;
  private final Counter lateAcks;
  private final Counter forgotten;
  private final Map<Channel, Timer> queueWaits = new EnumMap<>(Channel.class);
  private final Meter.MeterProvider<Counter> escalations;
  private final Meter.MeterProvider<Counter> ignored;

  /**
   * The escalation steps registered at zero from start-up: the default plans' (two methods, two
   * rounds: attempts 2 to 4). A longer plan's later steps appear at their first escalation.
   */
  static final int REGISTERED_STEPS = 4;

  static final List<String> REASONS = List.of("timeout", "failure", "unsent");

  public EscalationMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(
            "alerting.escalation.timers.pending",
            pendingByTask,
            tasks -> tasks.values().stream().mapToLong(Long::longValue).sum())
        .description("Escalation timers waiting in the timer stores of this instance")
        .register(registry);
    Gauge.builder(
            "alerting.escalation.timers.overdue",
            overdueByTask,
            tasks -> tasks.values().stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0)
        .description(
            "How long the earliest timer still waiting on this instance has been due (0 when none"
                + " is): an alert past its deadline and not escalated yet")
        .baseUnit("seconds")
        .register(registry);
    lateness =
        Timer.builder("alerting.escalation.timer.lateness")
            .description("How long after its due time a timer fired")
            // a bucket at the 250 ms target, so dashboards can alert on the share of late timers;
            // after an outage timers fire minutes late, and the buckets reach that far
            .publishPercentileHistogram()
            .serviceLevelObjectives(Duration.ofMillis(250))
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    timeToAck =
        Timer.builder("alerting.alerts.time.to.ack")
            .description("From alert opened to its acknowledgment")
            // Micrometer's default buckets end at 30 s, and every ack after a first attempt (an
            // ack timeout is minutes) would read 30 s: these reach past an alert's whole ladder
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofSeconds(1))
            .maximumExpectedValue(Duration.ofHours(6))
            .register(registry);
    acknowledged =
        Counter.builder("alerting.alerts.acknowledged")
            .description("Alerts that ended acknowledged")
            .register(registry);
    exhausted =
        Counter.builder("alerting.alerts.exhausted")
            .description("Alerts that ended with every method of every round unacknowledged")
            .register(registry);
    closed =
        Counter.builder("alerting.alerts.closed")
            .description("Alerts ended by their incident's closure")
            .register(registry);
    lateClosures =
        Counter.builder("alerting.escalation.closures.late")
            .description("Closures of alerts that had already ended")
            .register(registry);
    staleTimers =
        Counter.builder("alerting.escalation.timers.stale")
            .description("Timers that fired for an alert already acknowledged or escalated")
            .register(registry);
    lateAcks =
        Counter.builder("alerting.escalation.acks.late")
            .description("Acks for alerts that had already ended")
            .register(registry);
    forgotten =
        Counter.builder("alerting.escalation.alerts.forgotten")
            .description("Ended alerts dropped from the worker's store after their retention")
            .register(registry);
    escalations =
        Counter.builder("alerting.escalation.escalations")
            .description(
                "Escalations to an alert's next attempt, by its channel, its attempt number and"
                    + " why: timeout (no ack in time), failure (the provider reported one), unsent"
                    + " (never handed over within the queue limit)")
            .withRegistry(registry);
    ignored =
        Counter.builder("alerting.escalation.records.ignored")
            .description("Input records the worker skipped, by why (see the worker's log)")
            .withRegistry(registry);
    ignored.withTags("reason", "unkeyed");
    ignored.withTags("reason", "unexpected-type");
    for (var channel : Channel.values()) {
      for (var attempt = 2; attempt <= REGISTERED_STEPS; attempt++) {
        for (var reason : REASONS) {
          escalation(channel, attempt, reason);
        }
      }
      // Registered up front so the first hand-over of a channel shows on rate() at all.
      queueWaits.put(
          channel,
          Timer.builder("alerting.escalation.queue.wait")
              .description("From an attempt's request to its provider accepting it (hand-over)")
              .tag("channel", channel.name())
              .publishPercentileHistogram()
              .maximumExpectedValue(Duration.ofHours(1))
              .register(registry));
    }
  }

  void pendingTimers(String taskId, long count) {
    pendingByTask.put(taskId, count);
  }

  void overdue(String taskId, Duration overdue) {
    overdueByTask.put(taskId, overdue);
  }

  void taskClosed(String taskId) {
    pendingByTask.remove(taskId);
    overdueByTask.remove(taskId);
  }

  void timerFired(Duration late) {
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }

  void recorded(Transition transition) {
    switch (transition.outcome()) {
      case ESCALATED_ON_TIMEOUT, ESCALATED_ON_FAILURE, ESCALATED_UNSENT -> escalated(transition);
      case HANDED_OVER -> handedOver(transition.next());
      case EXHAUSTED -> exhausted.increment();
      case ACKNOWLEDGED -> acknowledged(transition.next());
      case LATE_ACK -> lateAcks.increment();
      case CLOSED -> closed.increment();
      case LATE_CLOSURE -> lateClosures.increment();
      case STALE_DEADLINE -> staleTimers.increment();
      default -> {}
    }
  }

  void forgotten() {
    forgotten.increment();
  }

  void ignored(String reason) {
    ignored.withTags("reason", reason).increment();
  }

  private void escalated(Transition transition) {
    var reason =
        switch (transition.outcome()) {
          case ESCALATED_ON_FAILURE -> "failure";
          case ESCALATED_UNSENT -> "unsent";
          default -> "timeout";
        };
    transition.published().stream()
        .filter(DeliveryRequested.class::isInstance)
        .map(DeliveryRequested.class::cast)
        .forEach(
            delivery ->
                escalation(delivery.method().channel(), delivery.attempt(), reason).increment());
  }

  private Counter escalation(Channel channel, int attempt, String reason) {
    return escalations.withTags(
        "channel", channel.name(), "attempt", Integer.toString(attempt), "reason", reason);
  }

  /** How long the attempt waited in its channel's queue: the provider's rate made visible. */
  private void handedOver(Escalation alert) {
    alert.attempts().stream()
        .filter(
            record ->
                record.attempt() == alert.attempt()
                    && record.sentAt() != null
                    && record.requestedAt() != null)
        .findFirst()
        .ifPresent(
            record ->
                queueWaits
                    .get(record.channel())
                    .record(nonNegative(Duration.between(record.requestedAt(), record.sentAt()))));
  }

  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private void acknowledged(Escalation alert) {
    acknowledged.increment();
    if (alert.opened() != null && alert.acknowledgment() != null) {
      var elapsed =
          Duration.between(alert.opened().occurredAt(), alert.acknowledgment().occurredAt());
      timeToAck.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }
  }
}
