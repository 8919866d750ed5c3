package alerting.escalation.policy;

import alerting.events.AlertAcknowledged;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.DeliveryStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the worker remembers about one alert. {@code opened} is null while only an ack or a deadline
 * has been seen: the alert is known, but not yet its methods and plan. {@code earlyDeadline} is a
 * deadline that arrived before the alert itself, {@code earlySentAt} the hand-over of its first
 * attempt if the sender's report came first.
 */
public record Escalation(
    String alertId,
    AlertOpened opened,
    AlertStatus status,
    int attempt,
    List<AttemptRecord> attempts,
    AlertAcknowledged acknowledgment,
    String outcome,
    Deadline earlyDeadline,
    int lateAcks,
    Instant earlySentAt) {

  public Escalation {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(status, "status");
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  static Escalation unknown(String alertId) {
    return new Escalation(alertId, null, AlertStatus.OPEN, 0, List.of(), null, null, null, 0, null);
  }

  /** Opened, not terminal: the only condition under which anything may still be sent. */
  boolean awaitsAck() {
    return opened != null && status == AlertStatus.OPEN;
  }

  Optional<AttemptRecord> attemptRecord(int number) {
    return attempts.stream().filter(record -> record.attempt() == number).findFirst();
  }

  /** The deadline of the current attempt, once its ack timeout has been scheduled. */
  Optional<Deadline> currentDeadline() {
    return attemptRecord(attempt)
        .filter(record -> record.dueAt() != null)
        .map(record -> new Deadline(alertId, attempt, record.dueAt()));
  }

  Escalation withOpened(AlertOpened alert, AttemptRecord first) {
    return new Escalation(
        alertId, alert, status, 1, List.of(first), acknowledgment, outcome, null, lateAcks, null);
  }

  Escalation withNextAttempt(AttemptRecord next) {
    var history = new ArrayList<>(attempts);
    history.add(next);
    return new Escalation(
        alertId,
        opened,
        status,
        next.attempt(),
        history,
        acknowledgment,
        outcome,
        earlyDeadline,
        lateAcks,
        earlySentAt);
  }

  Escalation withAttemptRecord(AttemptRecord changed) {
    var history =
        attempts.stream()
            .map(record -> record.attempt() == changed.attempt() ? changed : record)
            .toList();
    return new Escalation(
        alertId,
        opened,
        status,
        attempt,
        history,
        acknowledgment,
        outcome,
        earlyDeadline,
        lateAcks,
        earlySentAt);
  }

  Escalation withStatus(int number, DeliveryStatus delivery) {
    return attemptRecord(number)
        .map(record -> withAttemptRecord(record.withStatus(delivery)))
        .orElse(this);
  }

  Escalation withEarlyDeadline(Deadline deadline) {
    return new Escalation(
        alertId,
        opened,
        status,
        attempt,
        attempts,
        acknowledgment,
        outcome,
        deadline,
        lateAcks,
        earlySentAt);
  }

  Escalation acknowledged(AlertAcknowledged ack, String text) {
    return new Escalation(
        alertId,
        opened,
        AlertStatus.ACKNOWLEDGED,
        attempt,
        attempts,
        ack,
        text,
        null,
        lateAcks,
        earlySentAt);
  }

  Escalation exhausted(String text) {
    return new Escalation(
        alertId,
        opened,
        AlertStatus.EXHAUSTED,
        attempt,
        attempts,
        acknowledgment,
        text,
        null,
        lateAcks,
        earlySentAt);
  }

  Escalation closed(String text) {
    return new Escalation(
        alertId,
        opened,
        AlertStatus.CLOSED,
        attempt,
        attempts,
        acknowledgment,
        text,
        null,
        lateAcks,
        earlySentAt);
  }

  Escalation withEarlySentAt(Instant sentAt) {
    return new Escalation(
        alertId,
        opened,
        status,
        attempt,
        attempts,
        acknowledgment,
        outcome,
        earlyDeadline,
        lateAcks,
        sentAt);
  }

  Escalation withLateAck() {
    return new Escalation(
        alertId,
        opened,
        status,
        attempt,
        attempts,
        acknowledgment,
        outcome,
        earlyDeadline,
        lateAcks + 1,
        earlySentAt);
  }

  /** The public view published on every transition. */
  public AlertState toState(Instant now) {
    return new AlertState(
        UUID.randomUUID(),
        now,
        alertId,
        status,
        attempt,
        opened == null ? null : opened.brief(),
        attempts,
        acknowledgment,
        outcome);
  }
}
