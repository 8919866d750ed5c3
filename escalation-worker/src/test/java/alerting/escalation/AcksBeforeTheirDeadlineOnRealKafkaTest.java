package alerting.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.escalation.topology.EscalationTopology;
import alerting.events.AckEvidence;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An ack that reached the broker before its alert's deadline must win over the deadline, however
 * late the worker reads it: after an outage (contacts acknowledge while the worker is down; when it
 * comes back their deadlines are past) and while it is behind (a burst of records ahead of the acks
 * is still being read when the deadlines pass). The backlog is made long (records for other alerts
 * ahead of the acks, small polls), so a rule that waits a fixed time, or fires by the wall clock
 * once caught up, fails here ({@code ReadHorizon}).
 */
// last in this module: its backlog of acks stays on the shared broker (junit-platform.properties)
@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
class AcksBeforeTheirDeadlineOnRealKafkaTest {
  private static final int ALERTS = 200;
  private static final int UNACKNOWLEDGED = 20;

  /** Acks for other alerts, ahead of the ones that matter in every partition. */
  private static final int BACKLOG_AHEAD = 30_000;

  private static final Duration FIRST_DEADLINE = Duration.ofSeconds(40);

  /** Long enough to open the alerts and see their timers stored. */
  private static final Duration BEHIND_DEADLINE = Duration.ofSeconds(25);

  /** Bursts of acks for other alerts go out from this long before the deadline ... */
  private static final Duration BURSTS_FROM = Duration.ofSeconds(6);

  /** ... until this long before it; then the acks that matter. */
  private static final Duration ACKS_BY = Duration.ofMillis(1500);

  private static final int BURST = 2_000;

  private static final EscalationPlan PLAN = new EscalationPlan(Duration.ofHours(1), 1);

  @TempDir Path stateDir;

  private final String applicationId = "escalation-outage-acks-" + UUID.randomUUID();
  private ConfigurableApplicationContext worker;

  @AfterEach
  void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  private ConfigurableApplicationContext startWorker(String... extra) throws Exception {
    var args =
        new java.util.ArrayList<>(
            List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--alerting.worker.streams.application-id=" + applicationId,
                "--alerting.worker.streams.instance-id=" + applicationId + "-a",
                "--alerting.worker.streams.state-dir="
                    + Files.createDirectories(stateDir.resolve("a"))));
    args.addAll(List.of(extra));
    return EscalationWorkerApplication.builder().run(args.toArray(String[]::new));
  }

  @Test
  void noAlertAcknowledgedDuringTheOutageEscalatesAfterTheRestartAndTheOthersStillDo()
      throws Exception {
    worker = startWorker();
    awaitItHoldsEveryPartition();
    var now = Instant.now();
    var deadline = now.plus(FIRST_DEADLINE);
    var alertIds = IntStream.range(0, ALERTS).mapToObj(i -> "outage-" + UUID.randomUUID()).toList();
    var acknowledged = Set.copyOf(alertIds.subList(UNACKNOWLEDGED, ALERTS));
    var abortedAcks = alertIds.subList(0, UNACKNOWLEDGED / 2);
    try (var producer = producer(null)) {
      for (var alertId : alertIds) {
        send(
            producer,
            Topics.ALERTS,
            AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS));
        send(
            producer,
            Topics.ACK_TIMEOUTS,
            new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, deadline));
      }
    }
    await()
        .atMost(FIRST_DEADLINE)
        .untilAsserted(() -> assertThat(pendingTimers(worker)).isGreaterThanOrEqualTo(ALERTS));
    worker.close();
    worker = null;

    // while nobody reads: a long backlog, then the acks, committed (markers follow them), and
    // acks of a transaction aborted after them, which must not count
    try (var producer = producer("outage-acks-" + UUID.randomUUID())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < BACKLOG_AHEAD; i++) {
        send(producer, Topics.ACKS, ack("elsewhere-" + UUID.randomUUID(), now));
      }
      acknowledged.forEach(alertId -> send(producer, Topics.ACKS, ack(alertId, now)));
      producer.commitTransaction();
      producer.beginTransaction();
      abortedAcks.forEach(alertId -> send(producer, Topics.ACKS, ack(alertId, now)));
      producer.flush();
      producer.abortTransaction();
    }
    assertThat(Instant.now())
        .as("the acks reached the broker before their deadline")
        .isBefore(deadline);
    await()
        .atMost(FIRST_DEADLINE.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Instant.now().isAfter(deadline.plusSeconds(1)));

    // small polls: reading the backlog takes a while, as on a busy machine
    worker = startWorker("--spring.kafka.streams.properties.max.poll.records=50");

    var outcome = awaitOutcome(alertIds, acknowledged);
    var escalated = outcome.escalated();
    var statuses = outcome.statuses();
    var escalatedAgain = outcome.escalatedAgain();
    assertThat(escalated.keySet())
        .as("escalated after the restart: exactly the unacknowledged")
        .containsExactlyInAnyOrderElementsOf(alertIds.subList(0, UNACKNOWLEDGED));
    assertThat(escalated.values())
        .allSatisfy(
            delivery -> {
              assertThat(delivery.attempt()).isEqualTo(2);
              assertThat(delivery.method()).isEqualTo(AlertFixtures.SMS);
            });
    assertThat(escalatedAgain).isEmpty();
    assertThat(acknowledged)
        .allSatisfy(
            alertId -> assertThat(statuses.get(alertId)).isEqualTo(AlertStatus.ACKNOWLEDGED));
    assertThat(catchUps(worker))
        .as("every task recorded its catch-up")
        .isGreaterThanOrEqualTo(Topics.ALERT_PARTITIONS);
  }

  @Test
  void noAlertAcknowledgedBeforeItsDeadlineEscalatesWhileTheWorkerIsBehindReading()
      throws Exception {
    // small polls: reading a burst takes a while, as on a busy machine
    worker = startWorker("--spring.kafka.streams.properties.max.poll.records=50");
    awaitItHoldsEveryPartition();
    var now = Instant.now();
    var deadline = now.plus(BEHIND_DEADLINE);
    var alertIds = IntStream.range(0, ALERTS).mapToObj(i -> "behind-" + UUID.randomUUID()).toList();
    var acknowledged = Set.copyOf(alertIds.subList(UNACKNOWLEDGED, ALERTS));
    try (var producer = producer(null)) {
      for (var alertId : alertIds) {
        send(
            producer,
            Topics.ALERTS,
            AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS));
        send(
            producer,
            Topics.ACK_TIMEOUTS,
            new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, deadline));
      }
    }
    await()
        .atMost(BEHIND_DEADLINE)
        .untilAsserted(() -> assertThat(pendingTimers(worker)).isGreaterThanOrEqualTo(ALERTS));
    // in the seconds before the deadline: bursts for other alerts, then the acks, committed in
    // time; the worker, reading 50 records a poll, is still in the bursts when the deadline passes
    await()
        .atMost(BEHIND_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Instant.now().isAfter(deadline.minus(BURSTS_FROM)));
    try (var producer = producer("behind-acks-" + UUID.randomUUID())) {
      producer.initTransactions();
      while (Instant.now().isBefore(deadline.minus(ACKS_BY))) {
        producer.beginTransaction();
        for (int i = 0; i < BURST; i++) {
          send(producer, Topics.ACKS, ack("elsewhere-" + UUID.randomUUID(), now));
        }
        producer.commitTransaction();
      }
      producer.beginTransaction();
      acknowledged.forEach(alertId -> send(producer, Topics.ACKS, ack(alertId, now)));
      producer.commitTransaction();
    }
    assertThat(Instant.now())
        .as("the acks reached the broker before their deadline")
        .isBefore(deadline);

    var outcome = awaitOutcome(alertIds, acknowledged);
    var escalated = outcome.escalated();
    var statuses = outcome.statuses();
    var escalatedAgain = outcome.escalatedAgain();
    assertThat(escalated.keySet())
        .as("escalated: exactly the unacknowledged")
        .containsExactlyInAnyOrderElementsOf(alertIds.subList(0, UNACKNOWLEDGED));
    assertThat(escalatedAgain).isEmpty();
  }

  /** What the worker published for the test's alerts, read until it has settled. */
  private record Outcome(
      Map<String, DeliveryRequested> escalated,
      Map<String, AlertStatus> statuses,
      Set<String> escalatedAgain) {}

  /**
   * Reads the worker's escalations and states until the unacknowledged alerts have escalated and
   * the acknowledged ones are ACKNOWLEDGED, then a few seconds more with no acknowledged one
   * escalated: every overdue timer has fired by then, so anything wrongly escalated would show.
   */
  private Outcome awaitOutcome(List<String> alertIds, Set<String> acknowledged) {
    var escalated = new HashMap<String, DeliveryRequested>();
    var statuses = new HashMap<String, AlertStatus>();
    var escalatedAgain = new HashSet<String>();
    var ours = Set.copyOf(alertIds);
    try (var consumer = outputs()) {
      await()
          .atMost(Duration.ofSeconds(180))
          .untilAsserted(
              () -> {
                collect(consumer, ours, escalated, statuses, escalatedAgain);
                assertThat(escalated.keySet()).containsAll(alertIds.subList(0, UNACKNOWLEDGED));
                assertThat(acknowledged)
                    .allSatisfy(
                        alertId ->
                            assertThat(statuses.get(alertId)).isEqualTo(AlertStatus.ACKNOWLEDGED));
              });
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                collect(consumer, ours, escalated, statuses, escalatedAgain);
                assertThat(escalated.keySet()).doesNotContainAnyElementsOf(acknowledged);
              });
    }
    return new Outcome(escalated, statuses, escalatedAgain);
  }

  /** The worker is in the group with every partition before the deadlines start to run. */
  private void awaitItHoldsEveryPartition() {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                var group =
                    admin
                        .describeConsumerGroups(List.of(applicationId))
                        .all()
                        .get()
                        .get(applicationId);
                assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(group.members())
                    .singleElement()
                    .satisfies(
                        member ->
                            assertThat(member.assignment().topicPartitions())
                                .hasSize(
                                    Topics.ALERT_PARTITIONS * EscalationTopology.INPUTS.size()));
              });
    }
  }

  private static long catchUps(ConfigurableApplicationContext worker) {
    var timer = worker.getBean(MeterRegistry.class).find("alerting.escalation.catch.up").timer();
    return timer == null ? 0 : timer.count();
  }

  private static double pendingTimers(ConfigurableApplicationContext worker) {
    return worker
        .getBean(MeterRegistry.class)
        .get("alerting.escalation.timers.pending")
        .gauge()
        .value();
  }

  private static AlertAcknowledged ack(String alertId, Instant at) {
    return new AlertAcknowledged(
        UUID.randomUUID(),
        at,
        alertId,
        1,
        Channel.EMAIL,
        new AckEvidence("ciso@acme.test", "link confirmed", at));
  }

  private static void collect(
      KafkaConsumer<String, Event> consumer,
      Set<String> alertIds,
      Map<String, DeliveryRequested> escalated,
      Map<String, AlertStatus> statuses,
      Set<String> escalatedAgain) {
    consumer
        .poll(Duration.ofMillis(200))
        .forEach(
            record -> {
              if (!alertIds.contains(record.key())) {
                return;
              }
              if (record.value() instanceof DeliveryRequested delivery
                  && escalated.put(record.key(), delivery) != null) {
                escalatedAgain.add(record.key());
              } else if (record.value() instanceof AlertState state) {
                statuses.put(record.key(), state.status());
              }
            });
  }

  private static KafkaProducer<String, Event> producer(String transactionalId) {
    var props = SharedKafka.producerProps();
    props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    if (transactionalId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(props, new StringSerializer(), new EventSerde().serializer());
  }

  private static void send(KafkaProducer<String, Event> producer, Topic topic, Event event) {
    producer.send(new ProducerRecord<>(topic.name(), event.key(), event));
  }

  private static KafkaConsumer<String, Event> outputs() {
    var props = SharedKafka.consumerProps("outage-acks-check-" + UUID.randomUUID());
    props.remove("value.deserializer");
    var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new EventSerde().deserializer());
    consumer.subscribe(List.of(Topics.DELIVERIES_SMS_CRITICAL.name(), Topics.ALERT_STATE.name()));
    return consumer;
  }
}
