package alerting.ack.openalerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The (phone, code) → alert view on a real broker, with no Spring: built, dropped and rebuilt. */
class OpenAlertsTest {
  private static final String PHONE = "+1415" + (1_000_000 + (int) (Math.random() * 8_000_000));

  @Test
  void theViewOfReplyCodesAndOpenAlertsSurvivesARestart() throws Exception {
    SharedKafka.createTopics(Topics.ALL);
    var acknowledged = alert("Old incident", "K7QD");
    var reused = alert("Leaked API keys", "K7QD");
    var closed = alert("Closed incident", "M4PX");
    try (var producer =
        new KafkaProducer<String, Event>(
            Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      for (var event :
          List.<Event>of(
              acknowledged,
              reused,
              closed,
              state(acknowledged, AlertStatus.ACKNOWLEDGED, 2),
              state(reused, AlertStatus.OPEN, 2),
              new AlertClosed(
                  UUID.randomUUID(),
                  Instant.now(),
                  closed.alertId(),
                  closed.brief().incidentId(),
                  "resolved"))) {
        var topic = event instanceof AlertState ? Topics.ALERT_STATE : Topics.ALERTS;
        producer.send(new ProducerRecord<>(topic.name(), event.key(), event)).get();
      }
    }

    try (var replays = replays()) {
      var first = new OpenAlerts(replays);
      replays.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  first.isOpen(reused.alertId())
                      && first.status(acknowledged.alertId()).orElseThrow()
                          == AlertStatus.ACKNOWLEDGED);
    }
    try (var replays = replays()) {
      var restarted = new OpenAlerts(replays);
      replays.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  restarted.status(closed.alertId()).isPresent()
                      && restarted.isOpen(reused.alertId()));
      assertThat(restarted.byReply(PHONE, "k7qd"))
          .as("a reused code names the open alert")
          .map(AlertOpened::alertId)
          .contains(reused.alertId());
      assertThat(restarted.openFor(PHONE))
          .extracting(AlertOpened::alertId)
          .containsExactly(reused.alertId());
      assertThat(restarted.status(closed.alertId())).contains(AlertStatus.CLOSED);
      assertThat(restarted.currentAttempt(reused.alertId())).isEqualTo(2);
      assertThat(restarted.latestAttemptTo(reused.alertId(), Channel.SMS, PHONE)).contains(2);
      assertThat(restarted.byReply(PHONE, "ZZZZ")).isEmpty();
    }
  }

  private static ReplayedTopics replays() {
    var kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of(SharedKafka.bootstrapServers()));
    return new ReplayedTopics(kafka.buildConsumerProperties());
  }

  private static AlertOpened alert(String title, String code) {
    var incidentId = UUID.randomUUID().toString();
    var alertId = AlertIds.forRecipient(incidentId, "acme", "c-1");
    return new AlertOpened(
        UUID.randomUUID(),
        Instant.now(),
        alertId,
        new AlertBrief(
            incidentId, "acme", "Acme Corp", "c-1", "Ada", Severity.HIGH, title, null, null, code),
        List.of(
            new ContactMethod(Channel.EMAIL, "ada@acme.example"),
            new ContactMethod(Channel.SMS, PHONE)),
        new EscalationPlan(Duration.ofMinutes(5), 2));
  }

  private static AlertState state(AlertOpened alert, AlertStatus status, int attempt) {
    return new AlertState(
        UUID.randomUUID(),
        Instant.now(),
        alert.alertId(),
        status,
        attempt,
        alert.brief(),
        List.of(
            new AttemptRecord(1, Channel.EMAIL, Instant.now(), null, null),
            new AttemptRecord(2, Channel.SMS, Instant.now(), null, null)),
        null,
        null);
  }
}
