package alerting.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole worker against a real broker: exactly-once streams, timers, topic creation. */
class EscalationOnRealKafkaTest {

  @TempDir Path stateDir;

  @Test
  void escalatesAnUnacknowledgedAlertOnARealBroker() throws Exception {
    var bootstrap = SharedKafka.bootstrapServers();
    var worker =
        EscalationWorkerApplication.builder()
            .run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--alerting.worker.streams.application-id=escalation-it-" + UUID.randomUUID(),
                "--alerting.worker.streams.instance-id=it-" + UUID.randomUUID(),
                "--alerting.worker.streams.state-dir="
                    + Files.createDirectories(stateDir.resolve("s")));
    try (worker) {
      var now = Instant.now();
      var alert = AlertFixtures.opened(now);
      var alertId = alert.alertId() + "-" + UUID.randomUUID();
      var opened =
          new AlertOpened(
              alert.eventId(), now, alertId, alert.brief(), alert.methods(), alert.plan());
      send(bootstrap, Topics.ALERTS, opened);
      send(
          bootstrap,
          Topics.ACK_TIMEOUTS,
          new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, now.plusSeconds(2)));

      var seen = new ArrayList<Event>();
      try (var consumer = consumer(bootstrap)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(
                          record -> {
                            if (alertId.equals(record.key())) {
                              seen.add(record.value());
                            }
                          });
                  assertThat(seen)
                      .filteredOn(DeliveryRequested.class::isInstance)
                      .singleElement()
                      .satisfies(
                          event -> {
                            var delivery = (DeliveryRequested) event;
                            assertThat(delivery.attempt()).isEqualTo(2);
                            assertThat(delivery.method()).isEqualTo(AlertFixtures.SMS);
                          });
                  assertThat(seen)
                      .filteredOn(AlertState.class::isInstance)
                      .map(AlertState.class::cast)
                      .extracting(AlertState::status, AlertState::attempt)
                      .contains(org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, 2));
                });
      }
    }
  }

  @Test
  void ackTimeoutCountsFromTheHandOverAndAnAttemptNeverHandedOverMovesOnAtTheQueueLimit()
      throws Exception {
    var bootstrap = SharedKafka.bootstrapServers();
    var worker =
        EscalationWorkerApplication.builder()
            .run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--alerting.worker.streams.application-id=escalation-handover-" + UUID.randomUUID(),
                "--alerting.worker.streams.instance-id=handover-" + UUID.randomUUID(),
                "--alerting.worker.streams.state-dir="
                    + Files.createDirectories(stateDir.resolve("h")));
    try (worker) {
      var now = Instant.now();
      var plan = new EscalationPlan(Duration.ofSeconds(8), 2, Duration.ofSeconds(4));
      var sentId = "handed-over-" + UUID.randomUUID();
      var queuedId = "never-sent-" + UUID.randomUUID();
      for (var alertId : List.of(sentId, queuedId)) {
        var alert =
            AlertFixtures.opened(alertId, now, plan, AlertFixtures.EMAIL, AlertFixtures.SMS);
        send(bootstrap, Topics.ALERTS, alert);
        send(
            bootstrap,
            Topics.ACK_TIMEOUTS,
            new AckTimeoutScheduled(
                UUID.randomUUID(), now, alertId, 1, now.plus(plan.queueLimit())));
      }
      send(
          bootstrap,
          Topics.DELIVERY_STATUS,
          new DeliveryStatusReported(
              UUID.randomUUID(),
              now,
              sentId,
              sentId + ":1",
              1,
              Channel.EMAIL,
              DeliveryStatus.SENT,
              "smtp-1",
              null));

      var deliveries = new java.util.HashMap<String, DeliveryRequested>();
      var states = new java.util.HashMap<String, AlertState>();
      try (var consumer = consumer(bootstrap)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(
                          record -> {
                            if (record.value() instanceof DeliveryRequested delivery) {
                              deliveries.put(record.key(), delivery);
                            } else if (record.value() instanceof AlertState state
                                && state.attempt() == 2) {
                              states.put(record.key(), state);
                            }
                          });
                  assertThat(deliveries).containsKeys(sentId, queuedId);
                  assertThat(states).containsKeys(sentId, queuedId);
                });
      }
      // the worker keeps times to the millisecond: compare at that precision
      var from = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      assertThat(deliveries.get(sentId).occurredAt())
          .as("the handed-over email waits its whole ack timeout, not the queue limit")
          .isAfterOrEqualTo(from.plus(plan.ackTimeout()));
      assertThat(deliveries.get(queuedId).occurredAt())
          .isAfterOrEqualTo(from.plus(plan.queueLimit()))
          .isBefore(from.plus(plan.ackTimeout()));
      assertThat(states.get(queuedId).attempts().get(0).reason())
          .isEqualTo("not handed to the email provider within 4 s");
      assertThat(states.get(sentId).attempts().get(0).sentAt()).isEqualTo(now);
    }
  }

  private static void send(String bootstrap, Topic topic, Event event) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), event.key(), event)).get();
    }
  }

  private static KafkaConsumer<String, Event> consumer(String bootstrap) {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "escalation-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new EventSerde().deserializer());
    consumer.subscribe(List.of(Topics.DELIVERIES_SMS_CRITICAL.name(), Topics.ALERT_STATE.name()));
    return consumer;
  }
}
