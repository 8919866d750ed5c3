package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.sending.SettledAlerts.Why;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.Severity;
import alerting.kafka.ReplayedTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettledAlertsTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  final MutableClock clock = new MutableClock(NOW);
  final SettledAlerts view =
      new SettledAlerts(new ReplayedTopics(Map.of()), clock, SettledAlerts.CATCH_UP);

  @Test
  void anAckSettlesItsAlertOnlyAsAcknowledged() {
    view.on("a-1", ack("a-1", NOW));

    assertThat(view.known("a-1")).contains(Why.ACKNOWLEDGED);
    assertThat(view.known("a-2")).isEmpty();
  }

  @Test
  void aClosureOrAnAcknowledgedOrClosedStateSettlesButOpenAndExhaustedDoNot() {
    view.on("closed", new AlertClosed(UUID.randomUUID(), NOW, "closed", "inc-1", "resolved"));
    view.on("state-acked", state("state-acked", AlertStatus.ACKNOWLEDGED, NOW));
    view.on("state-closed", state("state-closed", AlertStatus.CLOSED, NOW));
    view.on("open", state("open", AlertStatus.OPEN, NOW));
    view.on("exhausted", state("exhausted", AlertStatus.EXHAUSTED, NOW));
    view.on("tombstone", null);

    assertThat(view.known("closed")).contains(Why.CLOSED);
    assertThat(view.known("state-acked")).contains(Why.ACKNOWLEDGED);
    assertThat(view.known("state-closed")).contains(Why.CLOSED);
    assertThat(view.known("open")).isEmpty();
    assertThat(view.known("exhausted")).as("a late message may still reach them").isEmpty();
    assertThat(view.known("tombstone")).isEmpty();
  }

  @Test
  void theFirstWordWinsSoAnAckedAlertClosedLaterStaysAcknowledged() {
    view.on("a-1", ack("a-1", NOW));
    view.on("a-1", new AlertClosed(UUID.randomUUID(), NOW, "a-1", "inc-1", "resolved"));

    assertThat(view.known("a-1")).contains(Why.ACKNOWLEDGED);
  }

  @Test
  void alertsSettledMoreThanADayAgoAreNotTakenInAndAreSweptOutLater() {
    view.on("old", ack("old", NOW.minus(SettledAlerts.KEEP).minusSeconds(1)));
    view.on("a-1", ack("a-1", NOW));
    assertThat(view.known("old")).isEmpty();
    assertThat(view.size()).isEqualTo(1);

    clock.now = NOW.plus(SettledAlerts.KEEP).plus(Duration.ofMinutes(10));
    view.on("a-2", ack("a-2", clock.now));

    assertThat(view.known("a-1")).as("a day after it settled").isEmpty();
    assertThat(view.known("a-2")).contains(Why.ACKNOWLEDGED);
    assertThat(view.size()).isEqualTo(1);
  }

  @Test
  void sendersWaitForReplaysThatCannotCatchUpOnlyOnceAndThenAnswerFromWhatWasRead() {
    // replays never started never catch up
    var stuck = new SettledAlerts(new ReplayedTopics(Map.of()), clock, Duration.ofMillis(1_000));
    stuck.on("a-1", ack("a-1", NOW));

    var first = System.nanoTime();
    assertThat(stuck.why("a-1")).contains(Why.ACKNOWLEDGED);
    assertThat(Duration.ofNanos(System.nanoTime() - first))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));

    var second = System.nanoTime();
    assertThat(stuck.why("a-2")).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - second))
        .as("no second wait")
        .isLessThan(Duration.ofMillis(500));
  }

  static AlertAcknowledged ack(String alertId, Instant at) {
    return new AlertAcknowledged(
        UUID.randomUUID(), at, alertId, 1, Channel.SMS, new AckEvidence("+1555***0100", "Y", at));
  }

  static AlertState state(String alertId, AlertStatus status, Instant at) {
    var brief =
        new AlertBrief(
            "inc-1", "t-1", "Tenant", "c-1", "Ada", Severity.HIGH, "Title", "Summary", null, "R1");
    return new AlertState(UUID.randomUUID(), at, alertId, status, 1, brief, List.of(), null, "");
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
