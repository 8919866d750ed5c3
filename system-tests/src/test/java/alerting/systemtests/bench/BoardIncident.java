package alerting.systemtests.bench;

import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.testsupport.BoardAlertStates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One mass incident as the escalation worker would leave it on {@code alerts.state.v1}: tenants × 3
 * contacts, 40% acknowledged, 30% open and sent, 10% open after a failed attempt, 10% exhausted,
 * 10% queued (the mix of alert-dispatcher's CoverageBoardBenchmark), raised for all tenants on
 * {@code incidents.v1} as a responder publishing straight to Kafka would.
 */
final class BoardIncident implements AutoCloseable {
  static final int CONTACTS = BoardAlertStates.CONTACTS;
  final String incidentId = "inc-board-" + UUID.randomUUID();
  final int tenants;
  private final Instant raisedAt = Instant.now();
  private final KafkaProducer<String, Event> producer;

  BoardIncident(String bootstrapServers, int tenants) {
    this.tenants = tenants;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new EventSerde().serializer());
  }

  int alerts() {
    return tenants * CONTACTS;
  }

  /** The incident, then every alert's state; returns once the broker has them all. */
  void publish() {
    var incident =
        new IncidentRaised(
            UUID.randomUUID(),
            raisedAt,
            incidentId,
            IncidentKind.SECURITY_CONCERN,
            Severity.CRITICAL,
            "Coverage board benchmark",
            "Every tenant, every contact",
            null,
            new IncidentScope(true, List.of()));
    producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incidentId, incident));
    for (var i = 0; i < alerts(); i++) {
      var state = BoardAlertStates.state(incidentId, i, raisedAt);
      producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state));
    }
    producer.flush();
  }

  /** Alert {@code i} is an open one that has not been acknowledged yet. */
  static boolean isOpen(int i) {
    return BoardAlertStates.isOpen(i);
  }

  /** The next version of open alert {@code i}: its contact acknowledged it just now. */
  void acknowledge(int i) throws InterruptedException, ExecutionException {
    var state =
        BoardAlertStates.acknowledged(
            BoardAlertStates.state(incidentId, i, raisedAt), Instant.now());
    producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state)).get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
