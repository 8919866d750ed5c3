package alerting.local.bench;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One mass incident as the escalation worker would leave it on {@code alerts.state.v1}: tenants ×
 * 3 contacts, 40% acknowledged, 30% open and sent, 10% open after a failed attempt, 10% exhausted,
 * 10% queued (the mix of alert-dispatcher's CoverageBoardBenchmark), raised for all tenants on
 * {@code incidents.v1} as a responder publishing straight to Kafka would.
 */
final class BoardIncident implements AutoCloseable {
  static final String[] CONTACT_NAMES = {"Security", "IT", "CISO"};
  static final int CONTACTS = CONTACT_NAMES.length;
  final String incidentId = "inc-board-" + UUID.randomUUID();
  final int tenants;
  private final Instant raisedAt = Instant.now();
  private final KafkaProducer<String, Event> producer;

  BoardIncident(String bootstrapServers, int tenants) {
    this.tenants = tenants;
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        new StringSerializer(), new EventSerde().serializer());
  }

  int alerts() {
    return tenants * CONTACTS;
  }

  /** The incident, then every alert's state; returns once the broker has them all. */
  void publish() {
    var incident = new IncidentRaised(UUID.randomUUID(), raisedAt, incidentId, IncidentKind.SECURITY_CONCERN,
        Severity.CRITICAL, "Coverage board benchmark", "Every tenant, every contact", null,
        new IncidentScope(true, List.of()));
    producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incidentId, incident));
    for (var i = 0; i < alerts(); i++) {
      var state = state(i, raisedAt);
      producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state));
    }
    producer.flush();
  }

  /** Alert {@code i} is an open one (i % 10 in 4..7) that has not been acknowledged yet. */
  static boolean isOpen(int i) {
    return i % 10 >= 4 && i % 10 <= 7;
  }

  /** The next version of open alert {@code i}: its contact acknowledged it just now. */
  void acknowledge(int i) throws InterruptedException, ExecutionException {
    var now = Instant.now();
    var before = state(i, raisedAt);
    var state = new AlertState(UUID.randomUUID(), now, before.alertId(), AlertStatus.ACKNOWLEDGED,
        before.attempt(), before.brief(), before.attempts(), new AlertAcknowledged(UUID.randomUUID(), now,
            before.alertId(), before.attempt(), Channel.EMAIL, new AckEvidence("contact@bench.example", "link", now)),
        "acknowledged");
    producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state)).get();
  }

  private AlertState state(int i, Instant now) {
    var tenant = i / CONTACTS;
    var contact = i % CONTACTS;
    var tenantId = "bench-t-" + tenant;
    var alertId = AlertIds.forRecipient(incidentId, tenantId, "c" + contact);
    var brief = new AlertBrief(incidentId, tenantId, "Tenant " + tenant, "c" + contact,
        CONTACT_NAMES[contact] + " " + tenant, Severity.CRITICAL, "Coverage board benchmark", null, null,
        "K" + Integer.toString(i % 46656, 36).toUpperCase(Locale.ROOT));
    var requested = now.minusSeconds(600);
    var first = new AttemptRecord(1, Channel.EMAIL, requested, requested.plusSeconds(300), DeliveryStatus.SENT);
    return switch (i % 10) {
      case 0, 1, 2, 3 -> new AlertState(UUID.randomUUID(), now, alertId, AlertStatus.ACKNOWLEDGED, 1, brief,
          List.of(first), new AlertAcknowledged(UUID.randomUUID(), requested.plusSeconds(30 + i % 240), alertId, 1,
              Channel.EMAIL, new AckEvidence("contact@bench.example", "link", requested.plusSeconds(30 + i % 240))),
          "acknowledged");
      case 4, 5, 6 -> new AlertState(UUID.randomUUID(), now, alertId, AlertStatus.OPEN, 1, brief, List.of(first),
          null, null);
      case 7 -> new AlertState(UUID.randomUUID(), now, alertId, AlertStatus.OPEN, 2, brief,
          List.of(first.withStatus(DeliveryStatus.FAILED),
              new AttemptRecord(2, Channel.SMS, requested.plusSeconds(5), requested.plusSeconds(305), DeliveryStatus.SENT)),
          null, null);
      case 8 -> new AlertState(UUID.randomUUID(), now, alertId, AlertStatus.EXHAUSTED, 2, brief,
          List.of(first.withStatus(DeliveryStatus.UNDELIVERED),
              new AttemptRecord(2, Channel.VOICE, requested.plusSeconds(5), requested.plusSeconds(305), DeliveryStatus.NO_ANSWER)),
          null, "no method acknowledged");
      default -> new AlertState(UUID.randomUUID(), now, alertId, AlertStatus.OPEN, 1, brief,
          List.of(first.withStatus(null)), null, null);
    };
  }

  @Override
  public void close() {
    producer.close();
  }
}
