package alerting.dispatcher.fanout;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.system.DeadLetters;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.ConfirmationRequested;
import alerting.events.DeadLetterReason;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tenants an incident named before the dispatcher had their contact snapshot wait on {@code
 * incidents.v1-fanout-wait}. Each waiting slice is looked at again a recheck interval after it was
 * queued: tenants known by then are opened like any slice; the rest are queued again until the
 * wait, counted from the incident's arrival, is up. Then the incident, narrowed to them, goes to
 * {@code incidents.v1-dlt} with the reason naming them (so it can be replayed once they exist), and
 * each is reported unreachable. Only this queue's consumer pauses, a recheck interval at most per
 * record; incidents and their known tenants' slices flow meanwhile. A confirmation request for a
 * tenant not known yet waits here the same way, whole, and is dead-lettered to {@code
 * support-access.confirmations.v1-dlt}.
 */
@Component
class UnknownTenantWait {
  private static final Logger log = LoggerFactory.getLogger(UnknownTenantWait.class);
  private static final String WAITING_SINCE = "alerting-waiting-since";
  private final ContactDirectory directory;
  private final AlertFanOut fanOut;
  private final DeadLetters deadLetters;
  private final KafkaTemplate<String, Object> kafka;
  private final DispatcherSettings.FanOut settings;
  private final Clock clock = Clock.systemUTC();

  UnknownTenantWait(
      ContactDirectory directory,
      AlertFanOut fanOut,
      DeadLetters deadLetters,
      KafkaTemplate<String, Object> kafka,
      DispatcherSettings settings) {
    this.directory = directory;
    this.fanOut = fanOut;
    this.deadLetters = deadLetters;
    this.kafka = kafka;
    this.settings = settings.fanOut();
  }

  @KafkaListener(
      id = "fan-out-wait",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).FAN_OUT_WAIT.name()}",
      properties =
          "spring.deserializer.value.delegate.class=alerting.dispatcher.fanout.FanOutQueueDeserializer")
  void on(ConsumerRecord<String, Object> record) {
    awaitRecheck(record.timestamp());
    if (record.value() instanceof ConfirmationRequested request) {
      onConfirmation(record, request);
    } else if (record.value() instanceof FanOutBatchQueued waiting) {
      onSlice(record, waiting);
    }
  }

  private void onSlice(ConsumerRecord<String, Object> record, FanOutBatchQueued waiting) {
    var known =
        waiting.tenantIds().stream().filter(id -> directory.tenant(id).isPresent()).toList();
    var unknown = waiting.tenantIds().stream().filter(id -> !known.contains(id)).toList();
    var incident = waiting.incident();
    if (!known.isEmpty()) {
      var opened = fanOut.open(slice(waiting, known));
      log.info(
          "incident {}: tenant(s) {} now known, {} alert(s) opened",
          incident.incidentId(),
          known,
          opened);
    }
    if (unknown.isEmpty()) {
      return;
    }
    if (clock.instant().isBefore(waiting.occurredAt().plus(settings.unknownTenantWait()))) {
      var again = slice(waiting, unknown);
      kafka.send(DispatcherTopics.FAN_OUT_WAIT.name(), again.key(), again);
      return;
    }
    var reason = DeadLetterReason.unknownTenants(unknown, settings.unknownTenantWait());
    log.warn("incident {} dead-lettered: {}", incident.incidentId(), reason);
    deadLetters.send(
        Topics.INCIDENTS.deadLetter(),
        record,
        incident.incidentId(),
        narrowed(incident, unknown),
        reason);
    unknown.forEach(tenantId -> fanOut.reportUnreachable(incident, tenantId, null, reason));
  }

  /** A confirmation waits in its own words; since when travels in a header. */
  static ProducerRecord<String, Object> waiting(ConfirmationRequested request, Instant since) {
    var record =
        new ProducerRecord<String, Object>(
            DispatcherTopics.FAN_OUT_WAIT.name(), request.key(), request);
    record
        .headers()
        .add(WAITING_SINCE, Long.toString(since.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private void onConfirmation(
      ConsumerRecord<String, Object> record, ConfirmationRequested request) {
    if (directory.tenant(request.tenantId()).isPresent()) {
      log.info(
          "confirmation {}: tenant {} now known, {} alert(s) opened",
          request.requestId(),
          request.tenantId(),
          fanOut.confirm(request));
      return;
    }
    var header = record.headers().lastHeader(WAITING_SINCE);
    var since =
        header == null
            ? Instant.ofEpochMilli(record.timestamp())
            : Instant.ofEpochMilli(
                Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)));
    if (clock.instant().isBefore(since.plus(settings.unknownTenantWait()))) {
      kafka.send(waiting(request, since));
      return;
    }
    var reason =
        DeadLetterReason.unknownTenants(List.of(request.tenantId()), settings.unknownTenantWait());
    log.warn("confirmation {} dead-lettered: {}", request.requestId(), reason);
    deadLetters.send(
        Topics.SUPPORT_ACCESS_CONFIRMATIONS.deadLetter(), record, request.key(), request, reason);
  }

  /** The wait keeps counting from the slice's first queueing: its time travels with it. */
  private static FanOutBatchQueued slice(FanOutBatchQueued waiting, List<String> tenantIds) {
    return new FanOutBatchQueued(
        UUID.randomUUID(),
        waiting.occurredAt(),
        waiting.incident(),
        waiting.batch(),
        waiting.batches(),
        tenantIds);
  }

  /** The incident as it would have to be raised again for just these tenants. */
  private static IncidentRaised narrowed(IncidentRaised incident, List<String> tenantIds) {
    return new IncidentRaised(
        incident.eventId(),
        incident.occurredAt(),
        incident.incidentId(),
        incident.kind(),
        incident.severity(),
        incident.title(),
        incident.summary(),
        incident.statusUrl(),
        IncidentScope.tenants(tenantIds.toArray(String[]::new)));
  }

  private void awaitRecheck(long queuedAtMillis) {
    var wait = queuedAtMillis + settings.unknownTenantRecheck().toMillis() - clock.millis();
    if (wait > 0) {
      LockSupport.parkNanos(
          TimeUnit.MILLISECONDS.toNanos(
              Math.min(wait, settings.unknownTenantRecheck().toMillis())));
    }
  }
}
