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
import alerting.events.DeadLetterReason;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On every input topic, a record the worker cannot read, or whose processing throws, goes to the
 * topic's dead-letter topic as the bytes it came as, with the reason in plain words, and the next
 * record of the same alert (same partition) is processed: the stream thread never dies on it.
 */
class DeadLetteringOnRealKafkaTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final EscalationPlan PLAN =
      new EscalationPlan(Duration.ofMinutes(5), 2, Duration.ofMinutes(15));

  @TempDir static Path stateDir;
  static ConfigurableApplicationContext worker;
  static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void start() throws Exception {
    var bootstrap = SharedKafka.bootstrapServers();
    producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer());
    worker =
        EscalationWorkerApplication.builder()
            .run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--alerting.worker.streams.application-id=escalation-dlt-" + UUID.randomUUID(),
                "--alerting.worker.streams.instance-id=dlt-" + UUID.randomUUID(),
                "--alerting.worker.streams.state-dir="
                    + Files.createDirectories(stateDir.resolve("s")));
  }

  @AfterAll
  static void stop() {
    worker.close();
    producer.close();
  }

  static List<Topic> inputs() {
    return EscalationTopology.INPUTS;
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void anUnreadableRecordIsDeadLetteredAsItsBytesAndTheAlertsNextRecordIsProcessed(Topic input) {
    var alertId = "dlt-" + input.name() + "-" + UUID.randomUUID();
    var now = Instant.now();
    try (var reader = new Reader()) {
      if (input != Topics.ALERTS) {
        send(
            Topics.ALERTS,
            alertId,
            EventJson.write(
                AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS)));
        reader.awaitState(alertId, s -> s.status() == AlertStatus.OPEN);
      }
      var truncated =
          ("{\"type\":\"alert-acknowledged.v1\",\"alertId\":\"" + alertId + "\",\"é")
              .getBytes(StandardCharsets.UTF_8);
      var unknown =
          ("{\"type\":\"no-such-event.v1\",\"alertId\":\"" + alertId + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      send(input, alertId, truncated);
      send(input, alertId, unknown);

      Predicate<AlertState> processed;
      if (input == Topics.ALERTS) {
        send(
            input,
            alertId,
            EventJson.write(
                AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS)));
        processed = s -> s.status() == AlertStatus.OPEN;
      } else if (input == Topics.ACKS) {
        send(
            input,
            alertId,
            EventJson.write(
                new AlertAcknowledged(
                    UUID.randomUUID(),
                    now,
                    alertId,
                    1,
                    Channel.EMAIL,
                    new AckEvidence("link", "confirmed", now))));
        processed = s -> s.status() == AlertStatus.ACKNOWLEDGED;
      } else if (input == Topics.DELIVERY_STATUS) {
        send(
            input,
            alertId,
            EventJson.write(
                new DeliveryStatusReported(
                    UUID.randomUUID(),
                    now,
                    alertId,
                    alertId + ":1",
                    1,
                    Channel.EMAIL,
                    DeliveryStatus.FAILED,
                    null,
                    "bounced")));
        processed = s -> s.attempt() == 2;
      } else {
        send(
            input,
            alertId,
            EventJson.write(
                new AckTimeoutScheduled(
                    UUID.randomUUID(), now, alertId, 1, Instant.now().plusSeconds(1))));
        processed = s -> s.attempt() == 2;
      }
      reader.awaitState(alertId, processed);

      var dead = reader.awaitDeadLetters(input, alertId, 2);
      assertThat(dead.get(0).value()).isEqualTo(truncated);
      assertThat(header(dead.get(0), DeadLetterReason.HEADER))
          .startsWith("value is not valid JSON (unexpected end of input")
          .contains("line 1, column");
      assertThat(header(dead.get(0), DeadLetterReason.ORIGIN_HEADER))
          .startsWith(input.name() + "-");
      assertThat(dead.get(1).value()).isEqualTo(unknown);
      assertThat(header(dead.get(1), DeadLetterReason.HEADER))
          .isEqualTo("unknown event type 'no-such-event.v1'");
    }
  }

  @Test
  void aRecordWhoseProcessingThrowsIsDeadLetteredAndTheTaskGoesOn() {
    var alertId = "poison-" + UUID.randomUUID();
    var now = Instant.now();
    // readable, valid, but its deadline is past what a timer key can hold: the processor throws
    var poison =
        EventJson.write(new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, Instant.MAX));
    try (var reader = new Reader()) {
      send(Topics.ACK_TIMEOUTS, alertId, poison);
      send(
          Topics.ALERTS,
          alertId,
          EventJson.write(
              AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS)));
      reader.awaitState(alertId, s -> s.status() == AlertStatus.OPEN);
      send(
          Topics.ACK_TIMEOUTS,
          alertId,
          EventJson.write(
              new AckTimeoutScheduled(
                  UUID.randomUUID(), now, alertId, 1, Instant.now().plusSeconds(1))));
      reader.awaitState(alertId, s -> s.attempt() == 2);

      var dead = reader.awaitDeadLetters(Topics.ACK_TIMEOUTS, alertId, 1);
      assertThat(dead.get(0).value()).isEqualTo(poison);
      assertThat(header(dead.get(0), DeadLetterReason.HEADER)).startsWith("processing failed: ");
    }
  }

  private static void send(Topic topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Reads the alert states and the inputs' dead letters from the start. */
  private static final class Reader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    Reader() {
      consumer =
          new KafkaConsumer<>(
              Map.<String, Object>of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  SharedKafka.bootstrapServers(),
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "dlt-reader-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      var topics = new ArrayList<>(List.of(Topics.ALERT_STATE.name()));
      EscalationTopology.INPUTS.forEach(t -> topics.add(t.deadLetter()));
      SharedKafka.createTopics(
          EscalationTopology.INPUTS.stream()
              .map(
                  t ->
                      new Topic(
                          t.deadLetter(), t.keyedBy(), t.partitions(), Topic.CleanupPolicy.DELETE))
              .toList());
      consumer.subscribe(topics);
    }

    void awaitState(String alertId, Predicate<AlertState> wanted) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                poll();
                return seen.stream()
                    .filter(
                        r -> r.topic().equals(Topics.ALERT_STATE.name()) && alertId.equals(r.key()))
                    .map(r -> (Event) EventJson.read(r.value()))
                    .filter(AlertState.class::isInstance)
                    .map(AlertState.class::cast)
                    .anyMatch(wanted);
              });
    }

    List<ConsumerRecord<String, byte[]>> awaitDeadLetters(Topic input, String alertId, int count) {
      return await()
          .atMost(WAIT)
          .until(
              () -> {
                poll();
                return seen.stream()
                    .filter(r -> r.topic().equals(input.deadLetter()) && alertId.equals(r.key()))
                    .toList();
              },
              dead -> dead.size() >= count);
    }

    private void poll() {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
