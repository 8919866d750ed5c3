package alerting.escalation.policy;

import static alerting.escalation.AlertFixtures.ACK_TIMEOUT;
import static alerting.escalation.AlertFixtures.ALERT_ID;
import static alerting.escalation.AlertFixtures.EMAIL;
import static alerting.escalation.AlertFixtures.QUEUE_LIMIT;
import static alerting.escalation.AlertFixtures.SMS;
import static alerting.escalation.AlertFixtures.ack;
import static alerting.escalation.AlertFixtures.closed;
import static alerting.escalation.AlertFixtures.opened;
import static alerting.escalation.AlertFixtures.sent;
import static alerting.escalation.AlertFixtures.status;
import static alerting.escalation.AlertFixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import alerting.escalation.policy.Transition.Outcome;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private final EscalationPolicy policy = new EscalationPolicy();

  /**
   * An alert opened at T0, its first (email) attempt queued with the queue limit as deadline and
   * handed to the provider at T0: its deadline is T0 + ack timeout.
   */
  private Escalation openWithFirstDeadline() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();
    return policy.on(sent(1, Channel.EMAIL, T0), queued, T0).next();
  }

  @Test
  void openingAnAlertPublishesOpenAtAttemptOne() {
    var transition = policy.on(opened(T0), null, T0);

    assertThat(transition.outcome()).isEqualTo(Outcome.OPENED);
    var state = (AlertState) transition.published().get(0);
    assertThat(state.status()).isEqualTo(AlertStatus.OPEN);
    assertThat(state.attempt()).isEqualTo(1);
    assertThat(state.attempts())
        .singleElement()
        .satisfies(first -> assertThat(first.channel()).isEqualTo(Channel.EMAIL));
  }

  @Test
  void scheduledDeadlineBecomesATimerAndTheAttemptsDueTime() {
    var opened = policy.on(opened(T0), null, T0).next();
    var due = T0.plus(ACK_TIMEOUT);

    var transition = policy.on(timeout(1, due), opened, T0);

    assertThat(transition.scheduled()).containsExactly(new Deadline(ALERT_ID, 1, due));
    assertThat(transition.next().attempts().get(0).dueAt()).isEqualTo(due);
  }

  @Test
  void passedDeadlineRequestsTheNextMethodAndSchedulesItsDeadline() {
    var alert = openWithFirstDeadline();
    var now = T0.plus(ACK_TIMEOUT);

    var transition = policy.onDeadline(new Deadline(ALERT_ID, 1, now), alert, now);

    assertThat(transition.outcome()).isEqualTo(Outcome.ESCALATED_ON_TIMEOUT);
    assertThat(transition.published()).hasSize(3);
    var delivery = (DeliveryRequested) transition.published().get(0);
    assertThat(delivery.method()).isEqualTo(SMS);
    assertThat(delivery.attempt()).isEqualTo(2);
    assertThat(delivery.deliveryId()).isEqualTo(ALERT_ID + ":2");
    var next = (AckTimeoutScheduled) transition.published().get(1);
    assertThat(next.attempt()).isEqualTo(2);
    assertThat(next.dueAt()).as("queued until its hand-over").isEqualTo(now.plus(QUEUE_LIMIT));
    assertThat(((AlertState) transition.published().get(2)).attempt()).isEqualTo(2);
    assertThat(transition.scheduled())
        .containsExactly(new Deadline(ALERT_ID, 2, now.plus(QUEUE_LIMIT)));
  }

  @Test
  void timerKeptInMillisecondsStillMatchesADeadlineWithFinerPrecision() {
    var due = T0.plus(ACK_TIMEOUT).plusNanos(123_456_789);
    var opened = policy.on(opened(T0), null, T0).next();
    var alert = policy.on(timeout(1, due), opened, T0).next();
    var fired = new Deadline(ALERT_ID, 1, Instant.ofEpochMilli(due.toEpochMilli()));

    var transition = policy.onDeadline(fired, alert, due);

    assertThat(transition.outcome()).isEqualTo(Outcome.ESCALATED_UNSENT);
  }

  @Test
  void deadlineOfAnEarlierAttemptIsStale() {
    var alert = openWithFirstDeadline();
    var firstDue = T0.plus(ACK_TIMEOUT);
    var escalated =
        policy.on(status(1, Channel.EMAIL, DeliveryStatus.FAILED, T0), alert, T0).next();

    var transition = policy.onDeadline(new Deadline(ALERT_ID, 1, firstDue), escalated, firstDue);

    assertThat(transition.outcome()).isEqualTo(Outcome.STALE_DEADLINE);
    assertThat(transition.published()).isEmpty();
  }

  @Test
  void ackEndsTheAlertAndCancelsItsTimer() {
    var alert = openWithFirstDeadline();

    var transition =
        policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(30)), alert, T0.plusSeconds(30));

    assertThat(transition.next().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(transition.cancelled())
        .containsExactly(new Deadline(ALERT_ID, 1, T0.plus(ACK_TIMEOUT)));
    assertThat(transition.next().outcome()).isEqualTo("acknowledged by EMAIL on attempt 1");
  }

  @Test
  void deadlineOfAnAcknowledgedAlertIsStale() {
    var due = T0.plus(ACK_TIMEOUT);
    var acked = policy.on(ack(1, Channel.EMAIL, T0), openWithFirstDeadline(), T0).next();

    var transition = policy.onDeadline(new Deadline(ALERT_ID, 1, due), acked, due);

    assertThat(transition.outcome()).isEqualTo(Outcome.STALE_DEADLINE);
    assertThat(transition.published()).isEmpty();
  }

  @Test
  void failureReportedAfterTheAckDoesNotEscalate() {
    var acked = policy.on(ack(1, Channel.EMAIL, T0), openWithFirstDeadline(), T0).next();

    var transition = policy.on(status(1, Channel.EMAIL, DeliveryStatus.FAILED, T0), acked, T0);

    assertThat(transition.published()).noneMatch(DeliveryRequested.class::isInstance);
    assertThat(transition.next().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void repeatedAckIsCountedButPublishesNothing() {
    var acked = policy.on(ack(1, Channel.EMAIL, T0), openWithFirstDeadline(), T0).next();

    var transition = policy.on(ack(1, Channel.SMS, T0.plusSeconds(5)), acked, T0.plusSeconds(5));

    assertThat(transition.outcome()).isEqualTo(Outcome.LATE_ACK);
    assertThat(transition.published()).isEmpty();
    assertThat(transition.next().lateAcks()).isEqualTo(1);
    assertThat(transition.next().acknowledgment().channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void ackBeforeTheAlertIsOpenedIsNotReopenedByIt() {
    var acked = policy.on(ack(null, Channel.SMS, T0), null, T0).next();

    var transition = policy.on(opened(T0), acked, T0.plusSeconds(1));

    var state = (AlertState) transition.published().get(0);
    assertThat(state.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(state.brief()).isNotNull();
    assertThat(state.outcome()).isEqualTo("acknowledged by SMS");
    assertThat(policy.on(timeout(1, T0.plus(ACK_TIMEOUT)), transition.next(), T0).scheduled())
        .isEmpty();
  }

  @Test
  void queueLimitThatPassedBeforeTheAlertWasKnownSkipsToTheNextMethodWhenItArrives() {
    var due = T0.plus(QUEUE_LIMIT);
    var early = policy.on(timeout(1, due), null, T0).next();
    var deferred = policy.onDeadline(new Deadline(ALERT_ID, 1, due), early, due);
    assertThat(deferred.outcome()).isEqualTo(Outcome.DEADLINE_DEFERRED);

    var transition = policy.on(opened(T0), deferred.next(), due.plusSeconds(1));

    assertThat(transition.outcome()).isEqualTo(Outcome.ESCALATED_UNSENT);
    assertThat(((DeliveryRequested) transition.published().get(0)).method()).isEqualTo(SMS);
  }

  @Test
  void ackTimeoutCountsFromTheHandOverNotFromTheRequest() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();
    var sentAt = T0.plus(Duration.ofMinutes(3));

    var transition = policy.on(sent(1, Channel.EMAIL, sentAt), queued, sentAt);

    assertThat(transition.outcome()).isEqualTo(Outcome.HANDED_OVER);
    assertThat(transition.cancelled())
        .containsExactly(new Deadline(ALERT_ID, 1, T0.plus(QUEUE_LIMIT)));
    assertThat(transition.scheduled())
        .containsExactly(new Deadline(ALERT_ID, 1, sentAt.plus(ACK_TIMEOUT)));
    var first = ((AlertState) transition.published().get(0)).attempts().get(0);
    assertThat(first.sentAt()).isEqualTo(sentAt);
    assertThat(first.dueAt()).isEqualTo(sentAt.plus(ACK_TIMEOUT));
    assertThat(
            policy
                .onDeadline(
                    new Deadline(ALERT_ID, 1, T0.plus(ACK_TIMEOUT)),
                    transition.next(),
                    T0.plus(ACK_TIMEOUT))
                .outcome())
        .as("the request-based deadline is not live")
        .isEqualTo(Outcome.STALE_DEADLINE);
  }

  @Test
  void attemptStillQueuedAtItsQueueLimitMovesOnWithTheReasonInItsHistory() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();
    var now = T0.plus(QUEUE_LIMIT);

    var transition = policy.onDeadline(new Deadline(ALERT_ID, 1, now), queued, now);

    assertThat(transition.outcome()).isEqualTo(Outcome.ESCALATED_UNSENT);
    var state = (AlertState) transition.published().get(2);
    assertThat(state.attempts().get(0).reason())
        .isEqualTo("not handed to the email provider within 15 min");
    assertThat(state.attempts().get(0).sentAt()).isNull();
    assertThat(((DeliveryRequested) transition.published().get(0)).method()).isEqualTo(SMS);
  }

  @Test
  void handOverReadBeforeTheAlertArmsItsDeadlineWhenTheAlertArrives() {
    var sentAt = T0.plusSeconds(2);
    var early = policy.on(sent(1, Channel.EMAIL, sentAt), null, sentAt).next();

    var transition = policy.on(opened(T0), early, T0.plusSeconds(3));

    assertThat(transition.outcome()).isEqualTo(Outcome.OPENED);
    assertThat(transition.scheduled())
        .containsExactly(new Deadline(ALERT_ID, 1, sentAt.plus(ACK_TIMEOUT)));
    assertThat(transition.next().attempts().get(0).sentAt()).isEqualTo(sentAt);
    var lateQueueLimit = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), transition.next(), T0);
    assertThat(lateQueueLimit.outcome()).isEqualTo(Outcome.STALE_DEADLINE);
    assertThat(lateQueueLimit.scheduled()).isEmpty();
  }

  @Test
  void handOverAndAckBothReadBeforeTheAlertKeepTheHandOverInItsHistory() {
    var sentAt = T0.plusSeconds(2);
    var sent = policy.on(sent(1, Channel.EMAIL, sentAt), null, sentAt).next();
    var acked = policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(3)), sent, T0.plusSeconds(3)).next();

    var transition = policy.on(opened(T0), acked, T0.plusSeconds(4));

    var state = (AlertState) transition.published().get(0);
    assertThat(state.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(state.attempts().get(0).sentAt()).isEqualTo(sentAt);
    assertThat(transition.scheduled()).isEmpty();
  }

  @Test
  void ackThenHandOverBothReadBeforeTheAlertKeepTheHandOverInItsHistory() {
    var acked = policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(3)), null, T0.plusSeconds(3)).next();
    var sent =
        policy.on(sent(1, Channel.EMAIL, T0.plusSeconds(2)), acked, T0.plusSeconds(3)).next();

    var transition = policy.on(opened(T0), sent, T0.plusSeconds(4));

    assertThat(((AlertState) transition.published().get(0)).attempts().get(0).sentAt())
        .isEqualTo(T0.plusSeconds(2));
    assertThat(transition.next().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void queueLimitReadBackAfterTheHandOverDoesNotReplaceTheAckDeadline() {
    var alert = openWithFirstDeadline();

    var transition = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), alert, T0.plusSeconds(1));

    assertThat(transition.outcome()).isEqualTo(Outcome.STALE_DEADLINE);
    assertThat(transition.next().attempts().get(0).dueAt()).isEqualTo(T0.plus(ACK_TIMEOUT));
  }

  @Test
  void laterGoodNewsDoesNotMoveTheDeadline() {
    var alert = openWithFirstDeadline();

    var transition =
        policy.on(
            status(1, Channel.EMAIL, DeliveryStatus.DELIVERED, T0.plusSeconds(40)),
            alert,
            T0.plusSeconds(40));

    assertThat(transition.scheduled()).isEmpty();
    assertThat(transition.next().attempts().get(0).dueAt()).isEqualTo(T0.plus(ACK_TIMEOUT));
    assertThat(transition.next().attempts().get(0).sentAt()).isEqualTo(T0);
  }

  @Test
  void ackWhileStillQueuedWinsAndTheLaterHandOverSchedulesNothing() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();
    var acked = policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(5)), queued, T0.plusSeconds(5));
    assertThat(acked.cancelled()).containsExactly(new Deadline(ALERT_ID, 1, T0.plus(QUEUE_LIMIT)));

    var transition =
        policy.on(sent(1, Channel.EMAIL, T0.plusSeconds(6)), acked.next(), T0.plusSeconds(6));

    assertThat(transition.scheduled()).isEmpty();
    assertThat(transition.next().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(((AlertState) transition.published().get(0)).attempts().get(0).sentAt())
        .as("the history still says when it left")
        .isEqualTo(T0.plusSeconds(6));
  }

  @Test
  void providerFailureReasonIsKeptOnTheAttempt() {
    var transition =
        policy.on(
            status(1, Channel.EMAIL, DeliveryStatus.FAILED, T0.plusSeconds(1)),
            openWithFirstDeadline(),
            T0.plusSeconds(1));

    assertThat(transition.next().attempts().get(0).reason()).isEqualTo("carrier said no");
  }

  @Test
  void failureOfTheCurrentAttemptEscalatesAtOnce() {
    var transition =
        policy.on(
            status(1, Channel.EMAIL, DeliveryStatus.UNDELIVERED, T0),
            openWithFirstDeadline(),
            T0.plusSeconds(2));

    assertThat(transition.outcome()).isEqualTo(Outcome.ESCALATED_ON_FAILURE);
    assertThat(transition.cancelled())
        .containsExactly(new Deadline(ALERT_ID, 1, T0.plus(ACK_TIMEOUT)));
    assertThat(transition.next().attempts().get(0).lastStatus())
        .isEqualTo(DeliveryStatus.UNDELIVERED);
  }

  @Test
  void failureOfAnOlderAttemptIsOnlyRecorded() {
    var now = T0.plus(ACK_TIMEOUT);
    var atTwo =
        policy.onDeadline(new Deadline(ALERT_ID, 1, now), openWithFirstDeadline(), now).next();

    var transition = policy.on(status(1, Channel.EMAIL, DeliveryStatus.BUSY, now), atTwo, now);

    assertThat(transition.outcome()).isEqualTo(Outcome.STALE_FAILURE);
    assertThat(transition.published()).singleElement().isInstanceOf(AlertState.class);
    assertThat(transition.next().attempt()).isEqualTo(2);
  }

  @Test
  void deliveredStatusUpdatesTheAttemptWithoutEscalating() {
    var transition =
        policy.on(
            status(1, Channel.EMAIL, DeliveryStatus.DELIVERED, T0), openWithFirstDeadline(), T0);

    assertThat(transition.outcome()).isEqualTo(Outcome.STATUS_RECORDED);
    assertThat(((AlertState) transition.published().get(0)).attempts().get(0).lastStatus())
        .isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void notSentForAnAckTheWorkerHasNotReadYetNeitherEscalatesNorArmsAnAckTimeout() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();

    var transition =
        policy.on(status(1, Channel.EMAIL, DeliveryStatus.NOT_SENT, T0), queued, T0.plusSeconds(1));

    assertThat(transition.outcome()).isEqualTo(Outcome.STATUS_RECORDED);
    assertThat(transition.published()).singleElement().isInstanceOf(AlertState.class);
    assertThat(transition.scheduled()).isEmpty();
    assertThat(transition.cancelled()).isEmpty();
    var attempt = transition.next().attempts().get(0);
    assertThat(attempt.lastStatus()).isEqualTo(DeliveryStatus.NOT_SENT);
    assertThat(attempt.handedOver()).as("no hand-over").isFalse();
    assertThat(attempt.dueAt()).as("still the queue limit").isEqualTo(T0.plus(QUEUE_LIMIT));
    assertThat(transition.next().status()).isEqualTo(AlertStatus.OPEN);
  }

  @Test
  void notSentReadBeforeTheAlertIsNoHandOver() {
    var early = policy.on(status(1, Channel.EMAIL, DeliveryStatus.NOT_SENT, T0), null, T0).next();

    var opened = policy.on(opened(T0), early, T0).next();

    assertThat(opened.attempts().get(0).handedOver()).isFalse();
  }

  @Test
  void notSentAfterTheAckIsRecordedOnTheEndedAlertAsNoHandOver() {
    var opened = policy.on(opened(T0), null, T0).next();
    var queued = policy.on(timeout(1, T0.plus(QUEUE_LIMIT)), opened, T0).next();
    var acked = policy.on(ack(1, Channel.EMAIL, T0), queued, T0).next();

    var transition =
        policy.on(status(1, Channel.EMAIL, DeliveryStatus.NOT_SENT, T0), acked, T0.plusSeconds(1));

    assertThat(transition.next().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    var attempt = transition.next().attempts().get(0);
    assertThat(attempt.lastStatus()).isEqualTo(DeliveryStatus.NOT_SENT);
    assertThat(attempt.handedOver()).as("never reached the provider").isFalse();
    assertThat(attempt.reason()).isEqualTo("not sent");
    assertThat(transition.published()).noneMatch(DeliveryRequested.class::isInstance);
  }

  @Test
  void lastAttemptOfTheLastRoundExhaustsTheAlert() {
    var now = T0;
    var alert = policy.on(opened(T0, 2, EMAIL, SMS), null, T0).next();
    var channels = new java.util.ArrayList<Channel>();
    for (int attempt = 1; attempt <= 4; attempt++) {
      var failed =
          policy.on(
              status(
                  attempt, alert.attempts().get(attempt - 1).channel(), DeliveryStatus.FAILED, now),
              alert,
              now);
      failed.published().stream()
          .filter(DeliveryRequested.class::isInstance)
          .map(event -> ((DeliveryRequested) event).method().channel())
          .forEach(channels::add);
      alert = failed.next();
    }

    assertThat(channels).containsExactly(Channel.SMS, Channel.EMAIL, Channel.SMS);
    assertThat(alert.status()).isEqualTo(AlertStatus.EXHAUSTED);
    assertThat(alert.outcome()).isEqualTo("no acknowledgment after 4 attempts in 2 round(s)");
  }

  @Test
  void closureEndsAnOpenAlertAndCancelsItsTimer() {
    var alert = openWithFirstDeadline();

    var transition = policy.on(closed(T0.plusSeconds(30)), alert, T0.plusSeconds(30));

    assertThat(transition.outcome()).isEqualTo(Outcome.CLOSED);
    assertThat(transition.next().status()).isEqualTo(AlertStatus.CLOSED);
    assertThat(transition.cancelled())
        .containsExactly(new Deadline(ALERT_ID, 1, T0.plus(ACK_TIMEOUT)));
    assertThat(
            policy
                .onDeadline(
                    new Deadline(ALERT_ID, 1, T0.plus(ACK_TIMEOUT)),
                    transition.next(),
                    T0.plus(ACK_TIMEOUT))
                .outcome())
        .isEqualTo(Outcome.STALE_DEADLINE);
  }

  @Test
  void closureBeforeTheAlertIsOpenedIsNotReopenedByIt() {
    var closedFirst = policy.on(closed(T0), null, T0).next();

    var transition = policy.on(opened(T0), closedFirst, T0);

    assertThat(transition.next().status()).isEqualTo(AlertStatus.CLOSED);
    assertThat(transition.published()).singleElement().isInstanceOf(AlertState.class);
  }

  @Test
  void repeatedClosureChangesNothing() {
    var closedOnce = policy.on(closed(T0), openWithFirstDeadline(), T0).next();

    var transition = policy.on(closed(T0.plusSeconds(5)), closedOnce, T0.plusSeconds(5));

    assertThat(transition.outcome()).isEqualTo(Outcome.LATE_CLOSURE);
    assertThat(transition.changed()).isFalse();
    assertThat(transition.published()).isEmpty();
  }

  @Test
  void ackAfterClosureIsRecordedAsLate() {
    var closedAlert = policy.on(closed(T0), openWithFirstDeadline(), T0).next();

    var transition = policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(5)), closedAlert, T0);

    assertThat(transition.outcome()).isEqualTo(Outcome.LATE_ACK);
    assertThat(transition.next().status()).isEqualTo(AlertStatus.CLOSED);
    assertThat(transition.published()).isEmpty();
  }
}
