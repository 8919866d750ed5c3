package alerting.escalation.topology;

import static alerting.escalation.AlertFixtures.ACK_TIMEOUT;
import static alerting.escalation.AlertFixtures.ALERT_ID;
import static alerting.escalation.AlertFixtures.QUEUE_LIMIT;
import static alerting.escalation.AlertFixtures.ack;
import static alerting.escalation.AlertFixtures.opened;
import static alerting.escalation.AlertFixtures.sent;
import static alerting.escalation.AlertFixtures.status;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker taking partitions over (restart, failover) finds a backlog: records sent while nobody
 * read them. Its overdue timers must not fire ahead of the acks in that backlog. The driver has no
 * broker to learn the backlog from, so this is the fallback rule (a record sent after the
 * assignment, or the grace); the rule itself is {@link ReadHorizonTest} and, on a real broker,
 * {@code AcksBeforeTheirDeadlineOnRealKafkaTest}.
 */
class CatchUpAfterAssignmentTest {
  /** The moment the task is assigned; everything sent before it is backlog. */
  private static final Instant ASSIGNED = Instant.parse("2025-03-01T10:00:00Z");

  private static final Instant BACKLOG = ASSIGNED.minus(Duration.ofMinutes(10));
  private static final Duration GRACE = Duration.ofSeconds(5);

  private TopologyTestDriver driver;
  private TestOutputTopic<String, Event> sms;
  private TestOutputTopic<String, Event> states;

  @BeforeEach
  void assign() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "escalation-catch-up-test");
    var topology =
        EscalationTopology.build(
            new EscalationMetrics(new SimpleMeterRegistry()),
            Duration.ofMillis(100),
            GRACE,
            Duration.ofDays(8),
            null);
    driver = new TopologyTestDriver(topology, props, ASSIGNED);
    sms = output(Topics.DELIVERIES_SMS_CRITICAL);
    states = output(Topics.ALERT_STATE);
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private TestOutputTopic<String, Event> output(Topic topic) {
    return driver.createOutputTopic(
        topic.name(), new StringDeserializer(), new EventSerde().deserializer());
  }

  private void send(Topic topic, Event event, Instant sentAt) {
    driver
        .createInputTopic(topic.name(), new StringSerializer(), new EventSerde().serializer())
        .pipeInput(event.key(), event, sentAt);
  }

  /** An alert opened in the backlog whose first deadline passed while nobody was reading. */
  private void overdueAlertInTheBacklog() {
    send(Topics.ALERTS, opened(BACKLOG), BACKLOG);
    send(
        Topics.ACK_TIMEOUTS,
        new AckTimeoutScheduled(UUID.randomUUID(), BACKLOG, ALERT_ID, 1, BACKLOG.plus(QUEUE_LIMIT)),
        BACKLOG);
    // handed over at once: its deadline is the ack timeout from then, a minute before assignment
    send(
        Topics.DELIVERY_STATUS,
        sent(1, Channel.EMAIL, ASSIGNED.minus(Duration.ofMinutes(1)).minus(ACK_TIMEOUT)),
        BACKLOG);
  }

  @Test
  void ackSentBeforeTheDeadlineStillWinsWhenReadAfterAnOutage() {
    overdueAlertInTheBacklog();
    driver.advanceWallClockTime(Duration.ofMillis(300));
    assertThat(sms.isEmpty()).isTrue();

    send(
        Topics.ACKS,
        ack(1, Channel.EMAIL, ASSIGNED.minus(Duration.ofMinutes(2))),
        ASSIGNED.minus(Duration.ofMinutes(2)));
    driver.advanceWallClockTime(GRACE.multipliedBy(2));

    assertThat(sms.isEmpty()).isTrue();
    var published = states.readValuesToList();
    assertThat(((AlertState) published.get(published.size() - 1)).status())
        .isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void overdueTimerFiresOnceARecordSentAfterTheAssignmentHasBeenRead() {
    overdueAlertInTheBacklog();

    send(
        Topics.DELIVERY_STATUS,
        status(1, Channel.EMAIL, DeliveryStatus.DELIVERED, ASSIGNED),
        ASSIGNED.plusMillis(50));
    driver.advanceWallClockTime(Duration.ofMillis(100));

    assertThat(sms.readValuesToList())
        .singleElement()
        .satisfies(event -> assertThat(((DeliveryRequested) event).attempt()).isEqualTo(2));
  }

  @Test
  void overdueTimerFiresAfterTheGraceWhenNothingNewArrives() {
    overdueAlertInTheBacklog();

    driver.advanceWallClockTime(GRACE.minusMillis(100));
    assertThat(sms.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(200));

    assertThat(sms.readValuesToList()).hasSize(1);
  }
}
