package alerting.escalation.topology;

import alerting.escalation.policy.Deadline;
import alerting.escalation.policy.Escalation;
import alerting.escalation.policy.EscalationPolicy;
import alerting.escalation.policy.Transition;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each alert's events and due timers to the {@link EscalationPolicy}, stores what it decides
 * and forwards what it publishes. Everything happens in one streams transaction, so a crash never
 * loses a timer nor repeats an escalation.
 */
final class EscalationProcessor implements Processor<String, Event, String, Event> {
  private static final Logger log = LoggerFactory.getLogger(EscalationProcessor.class);

  /**
   * Timers fired per punctuation and task. After an outage thousands are overdue at once; firing
   * them in slices keeps each transaction short and lets the acks waiting in the partitions be read
   * between slices. 500 every 100 ms is far above the worker's throughput.
   */
  static final int MAX_TIMERS_PER_PUNCTUATION = 500;

  private final EscalationPolicy policy = new EscalationPolicy();
  private final EscalationMetrics metrics;
  private final Duration punctuationInterval;
  private final Duration catchUpGrace;
  private final BacklogProbe backlogProbe;
  private final Duration endedRetention;
  private ProcessorContext<String, Event> context;
  private KeyValueStore<String, Escalation> alerts;
  private KeyValueStore<String, String> timers;
  private KeyValueStore<String, String> endings;
  private String taskId;
  private ReadHorizon readHorizon;

  /** {@code backlogProbe}: null where there is no broker to ask (the test driver). */
  EscalationProcessor(
      EscalationMetrics metrics,
      Duration punctuationInterval,
      Duration catchUpGrace,
      BacklogProbe backlogProbe,
      Duration endedRetention) {
    this.metrics = metrics;
    this.punctuationInterval = punctuationInterval;
    this.catchUpGrace = catchUpGrace;
    this.backlogProbe = backlogProbe;
    this.endedRetention = endedRetention;
  }

  @Override
  public void init(ProcessorContext<String, Event> context) {
    this.context = context;
    this.alerts = context.getStateStore(EscalationTopology.ALERTS_STORE);
    this.timers = context.getStateStore(EscalationTopology.TIMERS_STORE);
    this.endings = context.getStateStore(EscalationTopology.ENDINGS_STORE);
    this.taskId = context.taskId().toString();
    // one sub-topology over co-partitioned inputs: the task's number is its partition number
    var assignedAt = context.currentSystemTimeMs();
    var partition = context.taskId().partition();
    this.readHorizon =
        backlogProbe == null
            ? new ReadHorizon(taskId, partition, assignedAt, catchUpGrace, false, took -> {})
            : backlogProbe.track(taskId, partition, assignedAt, catchUpGrace);
    context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    metrics.pendingTimers(taskId, timers.approximateNumEntries());
  }

  @Override
  public void process(Record<String, Event> record) {
    context.recordMetadata().ifPresent(readHorizon::processed);
    var event = record.value();
    if (event == null || record.key() == null || !record.key().equals(event.key())) {
      metrics.ignored("unkeyed");
      log.warn("Ignoring a record whose key {} does not match its event {}", record.key(), event);
      return;
    }
    var now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    var current = alerts.get(record.key());
    Transition transition;
    if (event instanceof AlertOpened opened) {
      transition = policy.on(opened, current, now);
    } else if (event instanceof AckTimeoutScheduled scheduled) {
      transition = policy.on(scheduled, current, now);
    } else if (event instanceof AlertAcknowledged ack) {
      transition = policy.on(ack, current, now);
    } else if (event instanceof AlertClosed closure) {
      transition = policy.on(closure, current, now);
    } else if (event instanceof DeliveryStatusReported report) {
      transition = policy.on(report, current, now);
    } else {
      metrics.ignored("unexpected-type");
      log.warn(
          "Ignoring {} for alert {}: not an escalation input",
          event.getClass().getSimpleName(),
          record.key());
      return;
    }
    apply(transition, now);
  }

  private void fireDueTimers(long wallClockMillis) {
    // only timers due by a moment whose records on the broker the task has all read (ReadHorizon)
    var horizon = readHorizon.horizon(wallClockMillis, context.currentStreamTimeMs());
    if (horizon == Long.MIN_VALUE) {
      metrics.overdue(taskId, overdue(wallClockMillis));
      return;
    }
    var now = Instant.ofEpochMilli(wallClockMillis);
    for (var key : dueKeys(timers, Math.min(wallClockMillis, horizon))) {
      timers.delete(key);
      var deadline = TimerKeys.parse(key);
      metrics.timerFired(Duration.between(deadline.dueAt(), now));
      apply(policy.onDeadline(deadline, alerts.get(deadline.alertId()), now), now);
    }
    metrics.pendingTimers(taskId, timers.approximateNumEntries());
    metrics.overdue(taskId, overdue(wallClockMillis));
    forgetEndedAlerts(Math.min(wallClockMillis, horizon));
  }

  /**
   * How long the earliest timer still waiting has been due, zero when none is: what the read
   * horizon or the per-punctuation cap holds back, an alert past its deadline not escalated yet.
   */
  private Duration overdue(long wallClockMillis) {
    try (var range = timers.range(TimerKeys.first(), TimerKeys.dueBy(wallClockMillis))) {
      if (!range.hasNext()) {
        return Duration.ZERO;
      }
      var dueAt = TimerKeys.parse(range.next().key).dueAt();
      return Duration.ofMillis(Math.max(0, wallClockMillis - dueAt.toEpochMilli()));
    }
  }

  /**
   * Drops alerts that ended longer than the retention ago. Their last state stays on the compacted
   * {@code alerts.state.v1}; an event for one after this is treated as for an alert never seen,
   * which is why the retention must outlast every ack link.
   */
  private void forgetEndedAlerts(long wallClockMillis) {
    for (var key : dueKeys(endings, wallClockMillis)) {
      endings.delete(key);
      var alertId = TimerKeys.parse(key).alertId();
      var alert = alerts.get(alertId);
      if (alert != null && alert.status().isTerminal()) {
        alerts.delete(alertId);
        metrics.forgotten();
      }
    }
  }

  private static List<String> dueKeys(KeyValueStore<String, String> store, long wallClockMillis) {
    var due = new ArrayList<String>();
    try (var range = store.range(TimerKeys.first(), TimerKeys.dueBy(wallClockMillis))) {
      while (range.hasNext() && due.size() < MAX_TIMERS_PER_PUNCTUATION) {
        due.add(range.next().key);
      }
    }
    return due;
  }

  private void apply(Transition transition, Instant now) {
    transition.cancelled().forEach(deadline -> timers.delete(TimerKeys.of(deadline)));
    for (Deadline deadline : transition.scheduled()) {
      timers.put(TimerKeys.of(deadline), deadline.alertId());
    }
    if (transition.changed()) {
      alerts.put(transition.next().alertId(), transition.next());
      if (transition.outcome().endsTheAlert()) {
        endings.put(
            TimerKeys.ending(transition.next().alertId(), now.plus(endedRetention)),
            transition.next().alertId());
      }
    }
    for (var event : transition.published()) {
      var record = new Record<String, Event>(event.key(), event, now.toEpochMilli());
      if (event instanceof AckTimeoutScheduled) {
        // its timer is set in this transaction: reading it back tells the task nothing new, so the
        // read horizon does not wait for it (BacklogProbe)
        record = record.withHeaders(OwnSchedules.mark(record.headers()));
      }
      context.forward(record);
    }
    if (!transition.cancelled().isEmpty() || !transition.scheduled().isEmpty()) {
      metrics.pendingTimers(taskId, timers.approximateNumEntries());
    }
    metrics.recorded(transition);
    log.debug("Alert {}: {}", transition.next().alertId(), transition.outcome());
  }

  @Override
  public void close() {
    if (backlogProbe != null) {
      backlogProbe.untrack(readHorizon);
    }
    metrics.taskClosed(taskId);
  }
}
