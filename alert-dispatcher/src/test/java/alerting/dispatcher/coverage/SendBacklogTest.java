package alerting.dispatcher.coverage;

import static alerting.dispatcher.coverage.IncidentCoverageTest.brief;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.kafka.ReplayedTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SendBacklogTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:02:00Z");

  @Test
  void eachChannelCountsQueuedSentAndFailedAttemptsAndTheEtaOfFirstAttemptsAtTheLastMinutesRate() {
    var states = new AlertStates();
    // six emails accepted in the last minute, one 90 s ago: the channel has sent for over a minute
    for (var i = 0; i < 6; i++) {
      states.apply(
          "sent" + i,
          alert("sent" + i, AlertStatus.OPEN, sent(1, Channel.EMAIL, NOW.minusSeconds(5 + 9 * i))));
    }
    states.apply(
        "old", alert("old", AlertStatus.OPEN, sent(1, Channel.EMAIL, NOW.minusSeconds(90))));
    states.apply(
        "legacy",
        alert(
            "legacy",
            AlertStatus.OPEN,
            new AttemptRecord(1, Channel.EMAIL, NOW.minusSeconds(100), null, DeliveryStatus.SENT)));
    for (var i = 0; i < 4; i++) {
      states.apply("waiting" + i, alert("waiting" + i, AlertStatus.OPEN, queued(1, Channel.EMAIL)));
    }
    // refused before it left, so the contact was tried; the SMS it escalated to waits
    states.apply(
        "refused",
        alert(
            "refused",
            AlertStatus.OPEN,
            new AttemptRecord(1, Channel.EMAIL, NOW.minusSeconds(60), null, DeliveryStatus.FAILED),
            queued(2, Channel.SMS)));
    // acknowledged before its email left: nobody will send it, so it is neither queued nor pending
    states.apply("acked", alert("acked", AlertStatus.ACKNOWLEDGED, queued(1, Channel.EMAIL)));

    var email = channel(states.ofIncident("inc-1").channels(NOW), Channel.EMAIL);

    assertThat(email.queued()).isEqualTo(4);
    assertThat(email.sent()).as("six timed, one old, one without a time").isEqualTo(8);
    assertThat(email.failed()).isEqualTo(1);
    assertThat(email.ratePerSecond()).isEqualTo(0.1);
    assertThat(email.firstAttemptsPending()).isEqualTo(4);
    assertThat(email.etaSeconds()).isEqualTo(40);
    assertThat(email.expectedDoneAt()).isEqualTo(NOW.plusSeconds(40));
    assertThat(email.etaUnknownReason()).isNull();

    var sms = channel(states.ofIncident("inc-1").channels(NOW), Channel.SMS);
    assertThat(sms.queued()).isEqualTo(1);
    assertThat(sms.firstAttemptsPending()).as("its contact was tried by email").isZero();
    assertThat(sms.etaSeconds()).as("nobody waits for a first attempt on SMS").isZero();
  }

  @Test
  void anAttemptTheSenderDroppedForAClosedAlertIsNeitherSentNorFailedNorQueued() {
    var states = new AlertStates();
    states.apply(
        "dropped",
        alert(
            "dropped",
            AlertStatus.CLOSED,
            new AttemptRecord(
                1, Channel.SMS, NOW.minusSeconds(60), null, DeliveryStatus.NOT_SENT)));

    var sms = channel(states.ofIncident("inc-1").channels(NOW), Channel.SMS);

    assertThat(sms.sent()).isZero();
    assertThat(sms.failed()).isZero();
    assertThat(sms.queued()).isZero();
  }

  @Test
  void theEtaIsUnknownWithAReasonWhileAChannelHasNoCurrentRate() {
    var states = new AlertStates();
    states.apply("s1", alert("s1", AlertStatus.OPEN, queued(1, Channel.SMS)));
    states.apply("v1", alert("v1", AlertStatus.OPEN, queued(1, Channel.VOICE)));
    states.apply(
        "v2",
        alert(
            "v2",
            AlertStatus.OPEN,
            new AttemptRecord(1, Channel.VOICE, NOW.minusSeconds(5), null, DeliveryStatus.SENT)));
    states.apply("e1", alert("e1", AlertStatus.OPEN, queued(1, Channel.EMAIL)));
    states.apply("e2", alert("e2", AlertStatus.OPEN, sent(1, Channel.EMAIL, NOW.minusSeconds(61))));

    var channels = states.ofIncident("inc-1").channels(NOW);

    assertThat(channels)
        .allSatisfy(
            c -> {
              assertThat(c.firstAttemptsPending()).isEqualTo(1);
              assertThat(c.ratePerSecond()).isZero();
              assertThat(c.etaSeconds()).isNull();
              assertThat(c.expectedDoneAt()).isNull();
            });
    assertThat(channel(channels, Channel.SMS).etaUnknownReason())
        .isEqualTo("waiting for the first send");
    assertThat(channel(channels, Channel.VOICE).etaUnknownReason())
        .isEqualTo("send times not reported yet");
    assertThat(channel(channels, Channel.EMAIL).etaUnknownReason())
        .isEqualTo("no send in the last minute");
  }

  @Test
  void inTheFirstSecondsOfAnIncidentTheRateCountsOnlyTheTimeSinceTheFirstSend() {
    var states = new AlertStates();
    for (var i = 0; i < 50; i++) {
      states.apply(
          "s" + i,
          alert("s" + i, AlertStatus.OPEN, sent(1, Channel.SMS, NOW.minusSeconds(i % 10))));
    }
    for (var i = 0; i < 300; i++) {
      states.apply("q" + i, alert("q" + i, AlertStatus.OPEN, queued(1, Channel.SMS)));
    }

    var sms = channel(states.ofIncident("inc-1").channels(NOW), Channel.SMS);

    assertThat(sms.ratePerSecond()).as("50 sends in 10 s, not in 60").isEqualTo(5.0);
    assertThat(sms.etaSeconds()).isEqualTo(60);
  }

  @Test
  void anAttemptLeavingTheQueueMovesFromQueuedToSentAndATombstoneTakesItsAlertOut() {
    var states = new AlertStates();
    states.apply("a1", alert("a1", AlertStatus.OPEN, queued(1, Channel.VOICE)));
    states.apply("a2", alert("a2", AlertStatus.OPEN, queued(1, Channel.VOICE)));
    states.apply("a1", alert("a1", AlertStatus.OPEN, sent(1, Channel.VOICE, NOW.minusSeconds(1))));

    var voice = channel(states.ofIncident("inc-1").channels(NOW), Channel.VOICE);
    assertThat(List.of(voice.queued(), voice.sent(), voice.firstAttemptsPending()))
        .containsExactly(1L, 1L, 1L);
    assertThat(voice.ratePerSecond()).as("one send in its first two seconds").isEqualTo(0.5);

    states.apply("a1", null);
    states.apply("a2", alert("a2", AlertStatus.CLOSED, queued(1, Channel.VOICE)));
    voice = channel(states.ofIncident("inc-1").channels(NOW), Channel.VOICE);
    assertThat(List.of(voice.queued(), voice.sent(), voice.firstAttemptsPending()))
        .containsExactly(0L, 0L, 0L);
    assertThat(voice.ratePerSecond()).isZero();
    assertThat(voice.etaSeconds()).isZero();
  }

  @Test
  void gaugesForEveryChannelExistAtZeroBeforeAnyAlertAndAddUpOpenIncidents() {
    var meters = new SimpleMeterRegistry();
    var states = new AlertStates();
    new SendBacklogMetrics(states, meters, Clock.fixed(NOW, ZoneOffset.UTC));

    for (var channel : Channel.values()) {
      for (var name :
          List.of(
              SendBacklogMetrics.QUEUED, SendBacklogMetrics.SEND_RATE, SendBacklogMetrics.ETA)) {
        var gauge = meters.get(name).tag("channel", channel.name()).gauge();
        assertThat(gauge.value()).as(name + " " + channel).isZero();
        assertThat(gauge.getId().getDescription()).as(name).isNotBlank();
      }
    }
    assertThat(meters.get(SendBacklogMetrics.ETA).gauge().getId().getBaseUnit())
        .isEqualTo("seconds");

    states.apply("a1", alert("a1", AlertStatus.OPEN, queued(1, Channel.EMAIL)));
    states.apply("b1", alertOf("inc-2", "b1", AlertStatus.OPEN, queued(1, Channel.EMAIL)));
    states.apply(
        "b2",
        alertOf("inc-2", "b2", AlertStatus.OPEN, sent(1, Channel.EMAIL, NOW.minusSeconds(59))));
    assertThat(meters.get(SendBacklogMetrics.QUEUED).tag("channel", "EMAIL").gauge().value())
        .isEqualTo(2);
    assertThat(meters.get(SendBacklogMetrics.SEND_RATE).tag("channel", "EMAIL").gauge().value())
        .isEqualTo(0.02);
    assertThat(meters.get(SendBacklogMetrics.ETA).tag("channel", "EMAIL").gauge().value())
        .isEqualTo(120);
    assertThat(meters.get(SendBacklogMetrics.ETA).tag("channel", "SMS").gauge().value()).isZero();
  }

  @Test
  void theGaugesAreBuiltWithoutWaitingForTheStateTopicsReplayWhichStartsAfterThem() {
    // as in the context: the view is constructed and the gauges built before any replay runs
    var notStarted = new ReplayedTopics(Map.of("bootstrap.servers", "localhost:1"));
    var states = new AlertStates(notStarted);
    var meters = new SimpleMeterRegistry();

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> new SendBacklogMetrics(states, meters, Clock.fixed(NOW, ZoneOffset.UTC)));
    assertThat(meters.get(SendBacklogMetrics.QUEUED).tag("channel", "SMS").gauge().value())
        .isZero();
  }

  static ChannelProgress channel(List<ChannelProgress> channels, Channel channel) {
    return channels.stream().filter(c -> c.channel() == channel).findFirst().orElseThrow();
  }

  static AttemptRecord queued(int attempt, Channel channel) {
    return new AttemptRecord(attempt, channel, NOW.minusSeconds(120), NOW.plusSeconds(600), null);
  }

  static AttemptRecord sent(int attempt, Channel channel, Instant at) {
    return new AttemptRecord(
        attempt, channel, NOW.minusSeconds(120), at.plusSeconds(300), DeliveryStatus.SENT, at);
  }

  static AlertState alert(String alertId, AlertStatus status, AttemptRecord... attempts) {
    return alertOf("inc-1", alertId, status, attempts);
  }

  static AlertState alertOf(
      String incidentId, String alertId, AlertStatus status, AttemptRecord... attempts) {
    return new AlertState(
        UUID.randomUUID(),
        NOW,
        alertId,
        status,
        attempts.length,
        brief(incidentId, "t1", "Contact " + alertId),
        List.of(attempts),
        null,
        null);
  }
}
