package alerting.escalation.topology;

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

import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationTopologyTest {
  /** The worker's default (alerting.worker.timers.ended-alert-retention). */
  private static final Duration ENDED_RETENTION = Duration.ofDays(8);

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestOutputTopic<String, Event> sms;
  private TestOutputTopic<String, Event> email;
  private TestOutputTopic<String, Event> ackTimeouts;
  private TestOutputTopic<String, Event> states;

  @BeforeEach
  void startDriver() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "escalation-worker-test");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringDeserializationHandler.class);
    props.put(DeadLetteringDeserializationHandler.METER_REGISTRY, registry);
    var topology =
        EscalationTopology.build(
            new EscalationMetrics(registry),
            Duration.ofMillis(100),
            Duration.ZERO,
            ENDED_RETENTION,
            null);
    driver = new TopologyTestDriver(topology, props, T0);
    sms = output(Topics.DELIVERIES_SMS_CRITICAL);
    email = output(Topics.DELIVERIES_EMAIL_CRITICAL);
    ackTimeouts = output(Topics.ACK_TIMEOUTS);
    states = output(Topics.ALERT_STATE);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private TestOutputTopic<String, Event> output(Topic topic) {
    return driver.createOutputTopic(
        topic.name(), new StringDeserializer(), new EventSerde().deserializer());
  }

  private void send(Topic topic, Event event) {
    TestInputTopic<String, Event> input =
        driver.createInputTopic(
            topic.name(), new StringSerializer(), new EventSerde().serializer());
    input.pipeInput(event.key(), event);
  }

  /**
   * Opens the alert the way the dispatcher does: AlertOpened, then attempt 1's queue limit; and its
   * email sender reports the hand-over at T0, so the ack deadline is T0 + ack timeout.
   */
  private void openAlert() {
    send(Topics.ALERTS, opened(T0));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));
    send(Topics.DELIVERY_STATUS, sent(1, Channel.EMAIL, T0));
    ackTimeouts.readValuesToList();
  }

  private <E extends Event> List<E> read(TestOutputTopic<String, Event> topic, Class<E> type) {
    return topic.readValuesToList().stream().map(type::cast).toList();
  }

  private AlertState lastState() {
    var all = read(states, AlertState.class);
    assertThat(all).isNotEmpty();
    return all.get(all.size() - 1);
  }

  @Test
  void escalatesToSmsWhenEmailIsNotAcknowledged() {
    openAlert();

    driver.advanceWallClockTime(ACK_TIMEOUT);

    var delivery = read(sms, DeliveryRequested.class);
    assertThat(delivery)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.attempt()).isEqualTo(2);
              assertThat(request.method()).isEqualTo(SMS);
              assertThat(request.alertId()).isEqualTo(ALERT_ID);
            });
    var next = read(ackTimeouts, AckTimeoutScheduled.class);
    assertThat(next)
        .singleElement()
        .satisfies(
            scheduled -> {
              assertThat(scheduled.attempt()).isEqualTo(2);
              assertThat(scheduled.dueAt()).isEqualTo(T0.plus(ACK_TIMEOUT).plus(QUEUE_LIMIT));
            });
    var state = lastState();
    assertThat(state.status()).isEqualTo(AlertStatus.OPEN);
    assertThat(state.attempt()).isEqualTo(2);
    assertThat(state.attempts())
        .extracting(record -> record.channel())
        .containsExactly(Channel.EMAIL, Channel.SMS);
    assertThat(
            registry
                .counter(
                    "alerting.escalation.escalations",
                    "channel",
                    "SMS",
                    "attempt",
                    "2",
                    "reason",
                    "timeout")
                .count())
        .isEqualTo(1);
  }

  @Test
  void emailWaitingBehindTheProvidersRateGetsItsFullAckTimeoutAfterItLeaves() {
    send(Topics.ALERTS, opened(T0));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));
    var queuedFor = Duration.ofMinutes(4);
    driver.advanceWallClockTime(queuedFor);
    send(Topics.DELIVERY_STATUS, sent(1, Channel.EMAIL, T0.plus(queuedFor)));

    driver.advanceWallClockTime(ACK_TIMEOUT.minusSeconds(1));
    assertThat(sms.isEmpty())
        .as("counted from the request it would have escalated by now")
        .isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(read(sms, DeliveryRequested.class))
        .singleElement()
        .satisfies(request -> assertThat(request.attempt()).isEqualTo(2));
    assertThat(
            registry.get("alerting.escalation.queue.wait").tag("channel", "EMAIL").timer().count())
        .isEqualTo(1);
  }

  @Test
  void attemptNeverHandedOverMovesOnAtTheQueueLimitAndSaysWhy() {
    send(Topics.ALERTS, opened(T0));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));

    driver.advanceWallClockTime(QUEUE_LIMIT.minusSeconds(1));
    assertThat(sms.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(read(sms, DeliveryRequested.class)).hasSize(1);
    assertThat(lastState().attempts().get(0).reason())
        .isEqualTo("not handed to the email provider within 15 min");
    assertThat(
            registry
                .counter(
                    "alerting.escalation.escalations",
                    "channel",
                    "SMS",
                    "attempt",
                    "2",
                    "reason",
                    "unsent")
                .count())
        .isEqualTo(1);
  }

  @Test
  void doesNotEscalateBeforeTheDeadline() {
    openAlert();

    driver.advanceWallClockTime(ACK_TIMEOUT.minusSeconds(1));

    assertThat(sms.isEmpty()).isTrue();
    assertThat(registry.get("alerting.escalation.timers.pending").gauge().value()).isEqualTo(1);
  }

  @Test
  void acknowledgedAlertSendsNothingWhenItsDeadlinePasses() {
    openAlert();
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(40)));

    driver.advanceWallClockTime(ACK_TIMEOUT.multipliedBy(3));

    assertThat(sms.isEmpty()).isTrue();
    assertThat(ackTimeouts.isEmpty()).isTrue();
    var state = lastState();
    assertThat(state.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
    assertThat(state.acknowledgment().channel()).isEqualTo(Channel.EMAIL);
    assertThat(registry.get("alerting.escalation.timers.pending").gauge().value()).isZero();
    assertThat(registry.get("alerting.alerts.time.to.ack").timer().count()).isEqualTo(1);
  }

  @Test
  void anEndedAlertIsForgottenOnlyAfterItsRetentionAndItsLastStateStaysPublished() {
    openAlert();
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(40)));
    KeyValueStore<String, ?> store = driver.getKeyValueStore(EscalationTopology.ALERTS_STORE);

    driver.advanceWallClockTime(ENDED_RETENTION.minusMinutes(1));
    assertThat(store.get(ALERT_ID)).as("still within the retention").isNotNull();

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(store.get(ALERT_ID)).isNull();
    assertThat(registry.get("alerting.escalation.alerts.forgotten").counter().count()).isEqualTo(1);
    assertThat(lastState().status())
        .as("no tombstone for the published state")
        .isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void anAlertStillBeingChasedIsNeverForgottenHoweverLongItRuns() {
    openAlert();
    KeyValueStore<String, ?> store = driver.getKeyValueStore(EscalationTopology.ALERTS_STORE);

    driver.advanceWallClockTime(ENDED_RETENTION.multipliedBy(2));

    assertThat(store.get(ALERT_ID)).isNotNull();
    assertThat(registry.get("alerting.escalation.alerts.forgotten").counter().count()).isZero();
  }

  @Test
  void ackThatArrivesBeforeTheTimeoutRecordStillWins() {
    send(Topics.ALERTS, opened(T0));
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(1)));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(ACK_TIMEOUT)));

    driver.advanceWallClockTime(ACK_TIMEOUT.multipliedBy(2));

    assertThat(sms.isEmpty()).isTrue();
    assertThat(lastState().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void ackThatArrivesBeforeTheAlertIsOpenedStillWins() {
    send(Topics.ACKS, ack(null, Channel.SMS, T0));
    send(Topics.ALERTS, opened(T0));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(ACK_TIMEOUT)));

    driver.advanceWallClockTime(ACK_TIMEOUT.multipliedBy(2));

    assertThat(sms.isEmpty()).isTrue();
    var published = read(states, AlertState.class);
    assertThat(published).extracting(AlertState::status).containsOnly(AlertStatus.ACKNOWLEDGED);
    assertThat(published.get(published.size() - 1).brief()).isNotNull();
  }

  /**
   * The dashboard reads rate() of these: a counter that appears at its first increment is missed,
   * so every step, channel and reason is there at zero before anything happens; and time to ack has
   * buckets past an alert's whole ladder (Micrometer's default ends at 30 s).
   */
  @Test
  void theMetersTheDashboardReadsExistFromStartUpWithBucketsThatFitWhatTheyMeasure() {
    var steps = registry.find("alerting.escalation.escalations").counters();
    assertThat(steps)
        .hasSize(Channel.values().length * 3 * 3)
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
    assertThat(steps)
        .extracting(counter -> counter.getId().getTag("attempt"))
        .containsOnly("2", "3", "4");
    assertThat(registry.find("alerting.escalation.records.ignored").counters()).hasSize(2);
    assertThat(registry.find("alerting.escalation.timers.overdue").gauge().value()).isZero();

    // the buckets as Prometheus scrapes them
    var prometheus =
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    new EscalationMetrics(prometheus);
    prometheus.find("alerting.alerts.time.to.ack").timer().record(Duration.ofMillis(62_400));
    var scrape = prometheus.scrape();
    var timeToAck = buckets(scrape, "alerting_alerts_time_to_ack_seconds_bucket");
    assertThat(timeToAck.lastKey())
        .as("time to ack's highest bucket")
        .isGreaterThanOrEqualTo(6 * 3600);
    // the 62.4 s ack falls in a bucket a few seconds wide, not in "30 s and more"
    var holding =
        timeToAck.entrySet().stream().filter(b -> b.getValue() > 0).findFirst().orElseThrow();
    assertThat(holding.getKey()).isBetween(62.4, 70.0);
    assertThat(buckets(scrape, "alerting_escalation_timer_lateness_seconds_bucket").lastKey())
        .as("lateness's highest bucket")
        .isGreaterThanOrEqualTo(600);
    assertThat(scrape).contains("# HELP alerting_escalation_escalations_total Escalations");
  }

  /** A histogram's buckets in a scrape: upper bound (seconds) to count, +Inf left out. */
  private static java.util.TreeMap<Double, Double> buckets(String scrape, String name) {
    var buckets = new java.util.TreeMap<Double, Double>();
    var line = java.util.regex.Pattern.compile(name + "\\{.*le=\"([0-9.e+]+)\".*\\} ([0-9.e+]+)");
    scrape
        .lines()
        .map(line::matcher)
        .filter(java.util.regex.Matcher::find)
        .forEach(m -> buckets.put(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
    return buckets;
  }

  @Test
  void providerFailureEscalatesAtOnceAndTheOldDeadlineNoLongerCounts() {
    openAlert();

    send(Topics.DELIVERY_STATUS, status(1, Channel.EMAIL, DeliveryStatus.FAILED, T0));

    assertThat(read(sms, DeliveryRequested.class))
        .singleElement()
        .satisfies(request -> assertThat(request.attempt()).isEqualTo(2));
    driver.advanceWallClockTime(ACK_TIMEOUT.minusSeconds(1));
    // every step's counter exists from start-up; the failure moved one of them, once
    assertThat(registry.find("alerting.escalation.escalations").counters())
        .filteredOn(counter -> counter.count() > 0)
        .singleElement()
        .satisfies(
            counter -> {
              assertThat(counter.getId().getTag("reason")).isEqualTo("failure");
              assertThat(counter.count()).isEqualTo(1);
            });
    assertThat(lastState().attempt()).isEqualTo(2);
  }

  @Test
  void failureOfAnOlderAttemptDoesNotEscalateAgain() {
    openAlert();
    driver.advanceWallClockTime(ACK_TIMEOUT);
    assertThat(read(sms, DeliveryRequested.class)).hasSize(1);

    send(Topics.DELIVERY_STATUS, status(1, Channel.EMAIL, DeliveryStatus.FAILED, T0));

    assertThat(sms.isEmpty()).isTrue();
    assertThat(output(Topics.DELIVERIES_VOICE_CRITICAL).isEmpty()).isTrue();
    var state = lastState();
    assertThat(state.attempt()).isEqualTo(2);
    assertThat(state.attempts().get(0).lastStatus()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void duplicateAckIsRecordedWithoutPublishingAgain() {
    openAlert();
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(10)));
    assertThat(lastState().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);

    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(20)));

    assertThat(states.isEmpty()).isTrue();
    assertThat(registry.counter("alerting.escalation.acks.late").count()).isEqualTo(1);
    assertThat(registry.counter("alerting.alerts.acknowledged").count()).isEqualTo(1);
  }

  @Test
  void exhaustsAfterEveryMethodInEveryRound() {
    send(Topics.ALERTS, opened(T0, 2, EMAIL, SMS));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));

    // no sender ever hands an attempt over: each one moves on at its queue limit
    for (int deadline = 1; deadline <= 5; deadline++) {
      driver.advanceWallClockTime(QUEUE_LIMIT);
    }

    assertThat(read(sms, DeliveryRequested.class))
        .extracting(DeliveryRequested::attempt)
        .containsExactly(2, 4);
    assertThat(read(email, DeliveryRequested.class))
        .extracting(DeliveryRequested::attempt)
        .containsExactly(3);
    var state = lastState();
    assertThat(state.status()).isEqualTo(AlertStatus.EXHAUSTED);
    assertThat(state.attempts()).hasSize(4);
    assertThat(state.outcome()).contains("4 attempts");
    assertThat(registry.counter("alerting.alerts.exhausted").count()).isEqualTo(1);
    assertThat(registry.get("alerting.escalation.timers.pending").gauge().value()).isZero();
  }

  /**
   * A verification drill's alert, as the dispatcher opens it (issue #17): one method, one round,
   * LOW, correlated to its drill.
   */
  private void openDrillAlert(alerting.events.ContactMethod method, Instant sentAt) {
    var fixture = opened(T0, 1, method);
    var b = fixture.brief();
    var brief =
        new alerting.events.AlertBrief(
            "drill-1",
            b.tenantId(),
            b.tenantName(),
            b.contactId(),
            b.contactName(),
            alerting.events.Severity.LOW,
            "Verification of your security contact details",
            null,
            null,
            b.replyCode(),
            alerting.events.Correlation.verification("drill-1"));
    send(
        Topics.ALERTS,
        new alerting.events.AlertOpened(
            java.util.UUID.randomUUID(),
            T0,
            ALERT_ID,
            brief,
            List.of(method),
            new alerting.events.EscalationPlan(ACK_TIMEOUT, 1, QUEUE_LIMIT)));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));
    send(Topics.DELIVERY_STATUS, sent(1, method.channel(), sentAt));
    ackTimeouts.readValuesToList();
  }

  private List<Event> anyDeliveryRequested() {
    var all = new java.util.ArrayList<Event>();
    for (var channel : Channel.values()) {
      for (var lane : alerting.events.Lane.values()) {
        all.addAll(output(channel.deliveryTopic(lane)).readValuesToList());
      }
    }
    return all;
  }

  @Test
  void aDrillTextTheCarrierCouldNotDeliverEndsAtOnceWithTheReasonAndTriesNoOtherMethod() {
    openDrillAlert(SMS, T0);

    send(
        Topics.DELIVERY_STATUS,
        new alerting.events.DeliveryStatusReported(
            java.util.UUID.randomUUID(),
            T0.plusSeconds(5),
            ALERT_ID,
            ALERT_ID + ":1",
            1,
            Channel.SMS,
            DeliveryStatus.UNDELIVERED,
            "SM1",
            "undelivered (30003)"));

    var state = lastState();
    assertThat(state.status()).isEqualTo(AlertStatus.EXHAUSTED);
    assertThat(state.brief().correlation().verificationOf()).contains("drill-1");
    assertThat(state.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.lastStatus()).isEqualTo(DeliveryStatus.UNDELIVERED);
              assertThat(a.reason()).isEqualTo("undelivered (30003)");
            });
    driver.advanceWallClockTime(QUEUE_LIMIT.plus(ACK_TIMEOUT));
    assertThat(anyDeliveryRequested()).as("a drill never escalates").isEmpty();
    assertThat(states.isEmpty()).as("and nothing changes at the old deadline").isTrue();
  }

  @Test
  void anUnansweredDrillEmailEndsAtItsDeadlineAndAnAckedOneStaysAcknowledged() {
    openDrillAlert(EMAIL, T0);

    driver.advanceWallClockTime(ACK_TIMEOUT);

    assertThat(lastState().status()).isEqualTo(AlertStatus.EXHAUSTED);
    assertThat(anyDeliveryRequested()).as("a drill never escalates").isEmpty();

    // a late confirmation still counts as proof the address works
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plus(ACK_TIMEOUT).plusSeconds(30)));
    assertThat(anyDeliveryRequested()).isEmpty();
  }

  @Test
  void closureMidRoundEndsTheAlertAndItsPendingTimerNeverFires() {
    openAlert();
    driver.advanceWallClockTime(ACK_TIMEOUT);
    assertThat(read(sms, DeliveryRequested.class)).hasSize(1);
    ackTimeouts.readValuesToList();

    send(Topics.ALERTS, closed(T0.plus(ACK_TIMEOUT).plusSeconds(30)));
    driver.advanceWallClockTime(ACK_TIMEOUT.multipliedBy(3));

    assertThat(output(Topics.DELIVERIES_VOICE_CRITICAL).isEmpty()).isTrue();
    assertThat(ackTimeouts.isEmpty()).isTrue();
    var state = lastState();
    assertThat(state.status()).isEqualTo(AlertStatus.CLOSED);
    assertThat(state.attempt()).isEqualTo(2);
    assertThat(state.outcome()).contains("inc-1", "keys rotated");
    assertThat(registry.get("alerting.escalation.timers.pending").gauge().value()).isZero();
    assertThat(registry.counter("alerting.alerts.closed").count()).isEqualTo(1);
  }

  @Test
  void closureOfAnAcknowledgedAlertKeepsItAcknowledged() {
    openAlert();
    send(Topics.ACKS, ack(1, Channel.EMAIL, T0.plusSeconds(40)));
    assertThat(lastState().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);

    send(Topics.ALERTS, closed(T0.plusSeconds(60)));

    assertThat(states.isEmpty()).isTrue();
    assertThat(registry.counter("alerting.escalation.closures.late").count()).isEqualTo(1);
  }

  @Test
  void laterAttemptsWaitTheAckTimeoutOfTheAlertsOwnPlan() {
    var highSeverityTimeout = Duration.ofMinutes(10);
    var alert = opened(T0);
    send(
        Topics.ALERTS,
        new alerting.events.AlertOpened(
            alert.eventId(),
            T0,
            ALERT_ID,
            alert.brief(),
            alert.methods(),
            new alerting.events.EscalationPlan(highSeverityTimeout, 2, QUEUE_LIMIT)));
    send(Topics.ACK_TIMEOUTS, timeout(1, T0.plus(QUEUE_LIMIT)));
    send(Topics.DELIVERY_STATUS, sent(1, Channel.EMAIL, T0));
    ackTimeouts.readValuesToList();

    driver.advanceWallClockTime(highSeverityTimeout);

    assertThat(read(ackTimeouts, AckTimeoutScheduled.class))
        .singleElement()
        .satisfies(
            next ->
                assertThat(next.dueAt()).isEqualTo(T0.plus(highSeverityTimeout).plus(QUEUE_LIMIT)));
    send(Topics.DELIVERY_STATUS, sent(2, Channel.SMS, T0.plus(highSeverityTimeout)));
    driver.advanceWallClockTime(highSeverityTimeout.minusSeconds(1));
    assertThat(output(Topics.DELIVERIES_VOICE_CRITICAL).isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(read(output(Topics.DELIVERIES_VOICE_CRITICAL), DeliveryRequested.class))
        .singleElement()
        .satisfies(voice -> assertThat(voice.attempt()).isEqualTo(3));
  }

  @Test
  void escalationSetsItsNextTimerWithoutWaitingForItsOwnRecordToComeBack() {
    openAlert();
    driver.advanceWallClockTime(ACK_TIMEOUT);
    assertThat(read(sms, DeliveryRequested.class)).hasSize(1);

    // the AckTimeoutScheduled just published is never fed back in: the timer must still fire
    driver.advanceWallClockTime(QUEUE_LIMIT);

    assertThat(read(output(Topics.DELIVERIES_VOICE_CRITICAL), DeliveryRequested.class))
        .singleElement()
        .satisfies(voice -> assertThat(voice.attempt()).isEqualTo(3));
  }

  @Test
  void theWorkersOwnDeadlineSchedulesAreMarkedSoTheReadHorizonDoesNotWaitForThem() {
    openAlert();
    driver.advanceWallClockTime(ACK_TIMEOUT);

    var published = ackTimeouts.readRecordsToList();
    assertThat(published).singleElement();
    assertThat(OwnSchedules.isOwn(published.get(0).headers())).isTrue();
  }

  @Test
  void manyTimersDueAtOnceFireInSlicesSoNoTransactionGrowsWithTheBacklog() {
    var due = T0.plus(ACK_TIMEOUT);
    var alerts = EscalationProcessor.MAX_TIMERS_PER_PUNCTUATION + 100;
    for (int i = 0; i < alerts; i++) {
      var alertId = ALERT_ID + "-" + i;
      send(
          Topics.ALERTS,
          alerting.escalation.AlertFixtures.opened(
              alertId, T0, new alerting.events.EscalationPlan(ACK_TIMEOUT, 1), EMAIL, SMS));
      send(
          Topics.ACK_TIMEOUTS,
          new AckTimeoutScheduled(java.util.UUID.randomUUID(), T0, alertId, 1, due));
    }

    driver.advanceWallClockTime(ACK_TIMEOUT);
    assertThat(sms.readValuesToList()).hasSize(EscalationProcessor.MAX_TIMERS_PER_PUNCTUATION);
    driver.advanceWallClockTime(Duration.ofMillis(100));

    assertThat(sms.readValuesToList()).hasSize(100);
  }

  @Test
  void malformedRecordGoesToTheDeadLetterTopicAndTheWorkerCarriesOn() {
    var raw =
        driver.createInputTopic(
            Topics.ALERTS.name(), new StringSerializer(), new ByteArraySerializer());
    raw.pipeInput(
        ALERT_ID, "{\"type\":\"alert-opened.v1\",\"alertId\":".getBytes(StandardCharsets.UTF_8));

    openAlert();
    driver.advanceWallClockTime(ACK_TIMEOUT);

    assertThat(read(sms, DeliveryRequested.class)).hasSize(1);
    var deadLetters =
        driver.createOutputTopic(
            Topics.ALERTS.deadLetter(), new StringDeserializer(), new StringDeserializer());
    assertThat(deadLetters.readRecordsToList())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.value()).startsWith("{\"type\":\"alert-opened.v1\"");
              assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
            });
    assertThat(registry.counter("alerting.dead.letters", "topic", Topics.ALERTS.name()).count())
        .isEqualTo(1.0);
  }
}
