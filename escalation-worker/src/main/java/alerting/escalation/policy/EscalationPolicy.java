package alerting.escalation.policy;

import alerting.escalation.policy.Transition.Outcome;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.AttemptRecord;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules of escalation (design.md, "Policies"): an unacknowledged attempt whose deadline passes,
 * or whose delivery fails, moves on to the next method, round after round, until the plan is used
 * up; an ack always wins and ends the alert, and so does the incident's closure. {@code current} is
 * null for an alert never seen before.
 *
 * <p>An attempt's ack timeout counts from its hand-over: the moment its provider accepted it (the
 * sender's SENT, or any later good news if that came first). Until then the attempt waits in its
 * channel's queue, and its deadline is the plan's queue limit: an attempt still queued when that
 * passes is skipped for the next method at once (the channel is down, or its backlog beyond
 * reason), and its history says so. Counting from the request instead texted people about emails
 * still waiting behind a provider's rate limit (issue #13).
 *
 * <p>The ack timeout, queue limit and number of rounds are the alert's own {@code EscalationPlan}:
 * the dispatcher picks it from its configuration by severity when it opens the alert ({@code
 * alerting.dispatcher.escalation.*}), so the dispatcher's first deadline and every later one agree,
 * and a configuration change never alters an alert already under way.
 */
public final class EscalationPolicy {

  public Transition on(AlertOpened alert, Escalation current, Instant now) {
    var known = orUnknown(current, alert.alertId());
    if (known.opened() != null) {
      return Transition.unchanged(known, Outcome.IGNORED);
    }
    var early = known.earlyDeadline();
    var firstDue = early != null && early.attempt() == 1 ? early.dueAt() : null;
    var first =
        new AttemptRecord(1, alert.methodFor(1).channel(), alert.occurredAt(), firstDue, null);
    if (known.earlySentAt() != null) {
      // The sender's hand-over was read before the alert: the deadline counts from it.
      var sent =
          first.sent(known.earlySentAt(), known.earlySentAt().plus(alert.plan().ackTimeout()));
      var opened = known.withOpened(alert, sent);
      var dropped = early == null ? List.<Deadline>of() : List.of(early);
      if (!opened.awaitsAck()) {
        // acknowledged or closed before it was known: only its history gains the hand-over
        return publish(opened, Outcome.OPENED, now, dropped, List.of());
      }
      if (!sent.dueAt().isAfter(now)) {
        return escalate(opened, Outcome.ESCALATED_ON_TIMEOUT, now);
      }
      return publish(
          opened, Outcome.OPENED, now, dropped, opened.currentDeadline().stream().toList());
    }
    var opened = known.withOpened(alert, first);
    if (opened.awaitsAck() && firstDue != null && !firstDue.isAfter(now)) {
      // The queue limit passed while the alert was still unknown: it is overdue now.
      return escalate(opened, Outcome.ESCALATED_UNSENT, now);
    }
    return publish(opened, Outcome.OPENED, now, List.of(), List.of());
  }

  public Transition on(AckTimeoutScheduled scheduled, Escalation current, Instant now) {
    var known = orUnknown(current, scheduled.alertId());
    var deadline = new Deadline(scheduled.alertId(), scheduled.attempt(), scheduled.dueAt());
    if (known.status().isTerminal()) {
      return Transition.unchanged(known, Outcome.STALE_DEADLINE);
    }
    if (known.opened() == null) {
      var replaced =
          known.earlyDeadline() == null ? List.<Deadline>of() : List.of(known.earlyDeadline());
      return new Transition(
          known.withEarlyDeadline(deadline),
          true,
          Outcome.DEADLINE_SCHEDULED,
          List.of(),
          replaced,
          List.of(deadline));
    }
    if (scheduled.attempt() != known.attempt()) {
      return Transition.unchanged(known, Outcome.STALE_DEADLINE);
    }
    var record = known.attemptRecord(known.attempt()).orElseThrow();
    if (record.handedOver() && !scheduled.dueAt().equals(record.dueAt())) {
      // The queue limit, read back after the hand-over re-armed the attempt: the ack timeout
      // from the hand-over is the deadline now.
      return Transition.unchanged(known, Outcome.STALE_DEADLINE);
    }
    if (scheduled.dueAt().equals(record.dueAt())) {
      // Our own schedule coming back through the topic: now the timer is durable.
      return new Transition(
          known, false, Outcome.DEADLINE_SCHEDULED, List.of(), List.of(), List.of(deadline));
    }
    var replaced = known.currentDeadline().stream().toList();
    return publish(
        known.withAttemptRecord(record.withDueAt(scheduled.dueAt())),
        Outcome.DEADLINE_SCHEDULED,
        now,
        replaced,
        List.of(deadline));
  }

  /** A timer fired: escalate if it is the live deadline of an alert still waiting for an ack. */
  public Transition onDeadline(Deadline deadline, Escalation current, Instant now) {
    if (current == null) {
      return Transition.unchanged(Escalation.unknown(deadline.alertId()), Outcome.STALE_DEADLINE);
    }
    if (current.opened() == null && !current.status().isTerminal()) {
      return Transition.unchanged(current, Outcome.DEADLINE_DEFERRED);
    }
    var live = current.awaitsAck() && current.currentDeadline().map(deadline::equals).orElse(false);
    if (!live) {
      return Transition.unchanged(current, Outcome.STALE_DEADLINE);
    }
    var handedOver =
        current.attemptRecord(current.attempt()).map(AttemptRecord::handedOver).orElse(false);
    return escalate(
        current, handedOver ? Outcome.ESCALATED_ON_TIMEOUT : Outcome.ESCALATED_UNSENT, now);
  }

  public Transition on(AlertAcknowledged ack, Escalation current, Instant now) {
    var known = orUnknown(current, ack.alertId());
    if (known.status().isTerminal()) {
      return Transition.stored(known.withLateAck(), Outcome.LATE_ACK);
    }
    var cancelled = new ArrayList<>(known.currentDeadline().stream().toList());
    if (known.earlyDeadline() != null) {
      cancelled.add(known.earlyDeadline());
    }
    var attempt = ack.attempt() == null ? "" : " on attempt " + ack.attempt();
    var text = "acknowledged by " + ack.channel() + attempt;
    return publish(known.acknowledged(ack, text), Outcome.ACKNOWLEDGED, now, cancelled, List.of());
  }

  /** The incident is over: stop chasing. An alert that already ended keeps its outcome. */
  public Transition on(AlertClosed closure, Escalation current, Instant now) {
    var known = orUnknown(current, closure.alertId());
    if (known.status().isTerminal()) {
      return Transition.unchanged(known, Outcome.LATE_CLOSURE);
    }
    var cancelled = new ArrayList<>(known.currentDeadline().stream().toList());
    if (known.earlyDeadline() != null) {
      cancelled.add(known.earlyDeadline());
    }
    var reason =
        closure.reason() == null || closure.reason().isBlank() ? "" : ": " + closure.reason();
    var text = "closed with incident " + closure.incidentId() + reason;
    return publish(known.closed(text), Outcome.CLOSED, now, cancelled, List.of());
  }

  public Transition on(DeliveryStatusReported report, Escalation current, Instant now) {
    var known = orUnknown(current, report.alertId());
    if (report.status() == DeliveryStatus.NOT_SENT) {
      return notSent(report, known, now);
    }
    if (known.opened() == null
        && report.attempt() == 1
        && report.status().wasHandedOver()
        && known.earlySentAt() == null) {
      // Read before the alert itself (under load the inputs' partitions are read unevenly):
      // keep the hand-over time for when it arrives, even if an ack came first.
      return Transition.stored(known.withEarlySentAt(report.occurredAt()), Outcome.STATUS_RECORDED);
    }
    var record = known.attemptRecord(report.attempt());
    if (record.isEmpty()) {
      return Transition.unchanged(known, Outcome.IGNORED);
    }
    var updated = record.get().withStatus(report.status());
    if (report.status().isFailure()) {
      var why =
          report.reason() == null || report.reason().isBlank()
              ? report.status().name().toLowerCase().replace('_', ' ')
              : report.reason();
      var recorded = known.withAttemptRecord(updated.withReason(why));
      if (known.awaitsAck() && report.attempt() == known.attempt()) {
        return escalate(recorded, Outcome.ESCALATED_ON_FAILURE, now);
      }
      return publishIfChanged(known, recorded, Outcome.STALE_FAILURE, now);
    }
    if (!updated.handedOver()) {
      var sentAt = report.occurredAt();
      if (known.awaitsAck() && report.attempt() == known.attempt()) {
        var dueAt = sentAt.plus(known.opened().plan().ackTimeout());
        var armed = known.withAttemptRecord(updated.sent(sentAt, dueAt));
        return publish(
            armed,
            Outcome.HANDED_OVER,
            now,
            known.currentDeadline().stream().toList(),
            armed.currentDeadline().stream().toList());
      }
      updated = updated.sent(sentAt, updated.dueAt());
    }
    return publishIfChanged(known, known.withAttemptRecord(updated), Outcome.STATUS_RECORDED, now);
  }

  /**
   * The dispatcher did not send the attempt because it had already seen the alert acknowledged or
   * closed: the history says so, and nothing else moves. No hand-over, so no ack timeout is armed;
   * no failure, so no escalation: the ack or closure the dispatcher saw reaches this worker too, on
   * its own topic, and ends the alert.
   */
  private Transition notSent(DeliveryStatusReported report, Escalation known, Instant now) {
    var record = known.attemptRecord(report.attempt());
    if (record.isEmpty()) {
      return Transition.unchanged(known, Outcome.IGNORED);
    }
    var why = report.reason() == null || report.reason().isBlank() ? "not sent" : report.reason();
    var noted = record.get().withStatus(report.status()).withReason(why);
    return publishIfChanged(known, known.withAttemptRecord(noted), Outcome.STATUS_RECORDED, now);
  }

  private Transition escalate(Escalation current, Outcome reason, Instant now) {
    var alert = current.opened();
    var superseded = current.currentDeadline().stream().toList();
    if (reason == Outcome.ESCALATED_UNSENT) {
      var unsent = current.attemptRecord(current.attempt()).orElseThrow();
      current =
          current.withAttemptRecord(
              unsent.withReason(
                  "not handed to the "
                      + unsent.channel().name().toLowerCase()
                      + " provider within "
                      + readable(alert.plan().queueLimit())));
    }
    if (current.attempt() >= alert.lastAttempt()) {
      var text =
          "no acknowledgment after "
              + alert.lastAttempt()
              + " attempts in "
              + alert.plan().rounds()
              + " round(s)";
      return publish(current.exhausted(text), Outcome.EXHAUSTED, now, superseded, List.of());
    }
    var next = current.attempt() + 1;
    var method = alert.methodFor(next);
    // Queued until its sender reports the hand-over; the ack timeout starts then.
    var dueAt = now.plus(alert.plan().queueLimit());
    var escalated =
        current.withNextAttempt(new AttemptRecord(next, method.channel(), now, dueAt, null));
    var delivery = DeliveryRequested.attempt(alert.alertId(), next, method, alert.brief(), now);
    var timeout = new AckTimeoutScheduled(UUID.randomUUID(), now, alert.alertId(), next, dueAt);
    // The timer is set here, in the same transaction, rather than when our own AckTimeoutScheduled
    // comes back: reading it back may wait behind a crashed instance's open transaction.
    return new Transition(
        escalated,
        true,
        reason,
        List.of(delivery, timeout, escalated.toState(now)),
        superseded,
        List.of(new Deadline(alert.alertId(), next, dueAt)));
  }

  private static Transition publishIfChanged(
      Escalation before, Escalation after, Outcome outcome, Instant now) {
    return before.equals(after)
        ? Transition.unchanged(before, outcome)
        : publish(after, outcome, now, List.of(), List.of());
  }

  private static Transition publish(
      Escalation next,
      Outcome outcome,
      Instant now,
      List<Deadline> cancelled,
      List<Deadline> scheduled) {
    return new Transition(
        next, true, outcome, List.<Event>of(next.toState(now)), cancelled, scheduled);
  }

  /** "15 min", "90 s", "2 h": how a responder reads a limit in an alert's history. */
  static String readable(java.time.Duration duration) {
    var seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  private static Escalation orUnknown(Escalation current, String alertId) {
    return Objects.requireNonNullElseGet(current, () -> Escalation.unknown(alertId));
  }
}
