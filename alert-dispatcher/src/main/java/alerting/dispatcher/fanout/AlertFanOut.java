package alerting.dispatcher.fanout;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.recipients.RecipientPolicy;
import alerting.dispatcher.recipients.VerifiedChannels;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.ConfirmationRequested;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryRequested;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import alerting.events.TenantUnreachable;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.events.VerificationRequested;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where an alert is opened. An incident is first cut into slices of tenants ({@link #queue}); each
 * slice is then opened in its own transaction ({@link #open}): for every recipient {@code
 * AlertOpened}, the first {@code DeliveryRequested} and its {@code AckTimeoutScheduled}, committed
 * together with the slice's offset. Alert ids are name-based and already-opened alerts are skipped,
 * so a replayed incident opens nothing twice.
 */
@Component
public class AlertFanOut {
  private static final Logger log = LoggerFactory.getLogger(AlertFanOut.class);

  /** A verification alert's title; its messages say the rest in their own words. */
  public static final String VERIFICATION_TITLE = "Verification of your security contact details";

  private final ContactDirectory directory;
  private final VerifiedChannels verified;
  private final AlertBook book;
  private final KafkaTemplate<String, Object> kafka;
  private final DispatcherSettings settings;
  private final Clock clock = Clock.systemUTC();
  private final Counter alertsOpened;
  private final Counter unreachable;
  private final Map<Channel, Counter> deliveriesRequested = new ConcurrentHashMap<>();

  AlertFanOut(
      ContactDirectory directory,
      AlertBook book,
      KafkaTemplate<String, Object> kafka,
      DispatcherSettings settings,
      MeterRegistry meters,
      VerifiedChannels verified) {
    this.directory = directory;
    this.verified = verified;
    this.book = book;
    this.kafka = kafka;
    this.settings = settings;
    this.alertsOpened =
        Counter.builder("alerting.alerts.opened")
            .description("Alerts opened: one per recipient of an incident, drill or request")
            .register(meters);
    this.unreachable =
        Counter.builder("alerting.tenants.unreachable")
            .description(
                "Tenants an incident could not reach: no security contact with a method to use")
            .register(meters);
    // at zero from start-up, so a channel's first request shows on rate()
    for (var channel : Channel.values()) {
      deliveriesRequested.put(
          channel,
          Counter.builder("alerting.deliveries.requested")
              .description("First attempts requested when alerts open, by channel")
              .tag("channel", channel.name())
              .register(meters));
    }
  }

  /**
   * Cuts the incident into slices of tenants on the fan-out topic and returns how many. Listed
   * tenants the dispatcher does not know yet go, as one more slice, to the wait queue ({@link
   * UnknownTenantWait}): the others are not held up by them.
   */
  public int queue(IncidentRaised incident) {
    var listed =
        incident.scope().allTenants()
            ? directory.allTenants().stream().map(TenantContacts::tenantId).sorted().toList()
            : incident.scope().tenantIds().stream().distinct().toList();
    var unknown = listed.stream().filter(id -> directory.tenant(id).isEmpty()).toList();
    var tenantIds = listed.stream().filter(id -> !unknown.contains(id)).toList();
    var size = Math.max(1, settings.fanOut().tenantsPerBatch());
    var batches = (tenantIds.size() + size - 1) / size;
    if (!unknown.isEmpty()) {
      var waiting =
          new FanOutBatchQueued(
              UUID.randomUUID(), clock.instant(), incident, batches + 1, batches + 1, unknown);
      log.info(
          "incident {}: waiting up to {} for unknown tenant(s) {}",
          incident.incidentId(),
          settings.fanOut().unknownTenantWait(),
          unknown);
      kafka.send(DispatcherTopics.FAN_OUT_WAIT.name(), waiting.key(), waiting);
    }
    // Round-robin over the queue's partitions, not by the key's hash: hashed, 40 slices fell 14
    // on one partition and 3 on another, and one fan-out consumer had twice the other's work.
    var partitions = kafka.partitionsFor(DispatcherTopics.FAN_OUT.name()).size();
    for (var b = 0; b < batches; b++) {
      var slice = tenantIds.subList(b * size, Math.min(tenantIds.size(), (b + 1) * size));
      var queued =
          new FanOutBatchQueued(
              UUID.randomUUID(), clock.instant(), incident, b + 1, batches, new ArrayList<>(slice));
      kafka.send(DispatcherTopics.FAN_OUT.name(), b % partitions, queued.key(), queued);
    }
    return batches + (unknown.isEmpty() ? 0 : 1);
  }

  /** Opens the alerts of one slice and returns how many were opened (not skipped). */
  public int open(FanOutBatchQueued slice) {
    var incident = slice.incident();
    var opened = new ArrayList<AlertOpened>();
    for (var tenantId : slice.tenantIds()) {
      var tenant = directory.tenant(tenantId);
      if (tenant.isEmpty()) {
        reportUnreachable(incident, tenantId, null, "tenant is unknown to the dispatcher");
        continue;
      }
      publishNotice(incident, tenant.get());
      var recipients = RecipientPolicy.recipients(incident, tenant.get());
      if (recipients.isEmpty() && incident.kind() == IncidentKind.SECURITY_CONCERN) {
        reportUnreachable(
            incident,
            tenantId,
            tenant.get().tenantName(),
            "no security, IT or (for critical incidents) CIO/CISO contact with a contact method");
      }
      for (var contact : recipients) {
        var alertId = AlertIds.forRecipient(incident.incidentId(), tenantId, contact.contactId());
        if (!book.isOpened(alertId)) {
          opened.add(openAlert(incident, tenant.get(), contact, alertId, Correlation.INCIDENT));
        }
      }
    }
    afterCommit(() -> opened.forEach(book::committed));
    return opened.size();
  }

  /**
   * Opens one alert per named contact to confirm something done in their name (a Customer Support
   * Access change), reaching them only on the allowed channels, in the caller's transaction. Each
   * alert is HIGH and its brief is correlated to the request ({@code SUPPORT_ACCESS_CONFIRMATION}),
   * so the ack names the request it confirms. A tenant not known yet is waited for like an
   * incident's.
   */
  public int confirm(ConfirmationRequested request) {
    var known = directory.tenant(request.tenantId());
    if (known.isEmpty()) {
      // the tenant's snapshot may still be on its way: see UnknownTenantWait
      log.info(
          "confirmation {}: waiting up to {} for unknown tenant {}",
          request.requestId(),
          settings.fanOut().unknownTenantWait(),
          request.tenantId());
      kafka.send(UnknownTenantWait.waiting(request, clock.instant()));
      return 0;
    }
    var tenant = known.get();
    var asIncident =
        new IncidentRaised(
            request.eventId(),
            request.occurredAt(),
            request.requestId(),
            IncidentKind.SECURITY_CONCERN,
            Severity.HIGH,
            request.title(),
            request.summary(),
            null,
            IncidentScope.tenants(request.tenantId()));
    var opened = new ArrayList<AlertOpened>();
    for (var contactId : request.contactIds()) {
      var contact =
          tenant.contacts().stream()
              .filter(c -> c.contactId().equals(contactId))
              .findFirst()
              .map(
                  c ->
                      new Contact(
                          c.contactId(),
                          c.displayName(),
                          c.title(),
                          c.roles(),
                          c.methods().stream()
                              .filter(m -> request.channels().contains(m.channel()))
                              .toList()));
      if (contact.isEmpty() || contact.get().methods().isEmpty()) {
        reportUnreachable(
            asIncident,
            tenant.tenantId(),
            tenant.tenantName(),
            "contact " + contactId + " has no contact method among " + request.channels());
        continue;
      }
      var alertId = AlertIds.forRecipient(request.requestId(), tenant.tenantId(), contactId);
      if (!book.isOpened(alertId)) {
        opened.add(
            openAlert(
                asIncident,
                tenant,
                contact.get(),
                alertId,
                Correlation.supportAccessConfirmation(
                    request.requestId(), request.action(), request.requestedBy())));
      }
    }
    afterCommit(() -> opened.forEach(book::committed));
    return opened.size();
  }

  /**
   * Opens one alert per target of a verification drill, in the caller's transaction: that one
   * method, one attempt (nothing escalates to another method), LOW, so on the lowest lane behind
   * any incident. Its brief is correlated to the drill ({@code VERIFICATION}) and its id is the
   * target's ({@link VerificationRequested.Target#alertId}), which contact-service matches the
   * outcome on alerts.state.v1 to. Needs nothing from the contacts view: the drill names its
   * targets.
   */
  public int verify(VerificationRequested drill) {
    var asIncident =
        new IncidentRaised(
            drill.eventId(),
            drill.occurredAt(),
            drill.drillId(),
            IncidentKind.SECURITY_CONCERN,
            Severity.LOW,
            VERIFICATION_TITLE,
            null,
            null,
            IncidentScope.tenants(drill.tenantId()));
    var tenantName = drill.tenantName() == null ? drill.tenantId() : drill.tenantName();
    var opened = new ArrayList<AlertOpened>();
    for (var target : drill.targets()) {
      var alertId = target.alertId(drill.drillId(), drill.tenantId());
      if (book.isOpened(alertId)) {
        continue;
      }
      opened.add(
          openAlert(
              asIncident,
              drill.tenantId(),
              tenantName,
              target.contactId(),
              target.contactName() == null ? target.contactId() : target.contactName(),
              List.of(target.method()),
              alertId,
              Correlation.verification(drill.drillId()),
              settings.verification().plan()));
    }
    afterCommit(() -> opened.forEach(book::committed));
    return opened.size();
  }

  private AlertOpened openAlert(
      IncidentRaised incident,
      TenantContacts tenant,
      Contact contact,
      String alertId,
      Correlation correlation) {
    var startWith =
        settings.recipients().startWithVerified()
            ? verified.latestVerified(tenant.tenantId(), contact.contactId())
            : Optional.<Channel>empty();
    return openAlert(
        incident,
        tenant.tenantId(),
        tenant.tenantName(),
        contact.contactId(),
        contact.displayName(),
        RecipientPolicy.ladder(contact, startWith),
        alertId,
        correlation,
        settings.escalation().planFor(incident.severity()));
  }

  private AlertOpened openAlert(
      IncidentRaised incident,
      String tenantId,
      String tenantName,
      String contactId,
      String contactName,
      List<ContactMethod> methods,
      String alertId,
      Correlation correlation,
      EscalationPlan plan) {
    var now = clock.instant();
    var brief =
        new AlertBrief(
            incident.incidentId(),
            tenantId,
            tenantName,
            contactId,
            contactName,
            incident.severity(),
            incident.title(),
            incident.summary(),
            incident.statusUrl(),
            book.reserveReplyCode(alertId, methods),
            correlation);
    var opened = new AlertOpened(UUID.randomUUID(), now, alertId, brief, methods, plan);
    var first = DeliveryRequested.attempt(alertId, 1, opened.methodFor(1), brief, now);
    // Until the sender reports the hand-over the deadline is the queue limit; the worker then
    // counts the ack timeout from the moment the provider accepted the message.
    var deadline =
        new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, now.plus(plan.queueLimit()));
    send(Topics.ALERTS, opened);
    send(first.method().channel().deliveryTopic(incident.severity()), first);
    send(Topics.ACK_TIMEOUTS, deadline);
    alertsOpened.increment();
    deliveriesRequested.get(first.method().channel()).increment();
    return opened;
  }

  private void publishNotice(IncidentRaised incident, TenantContacts tenant) {
    var noticeId =
        UUID.nameUUIDFromBytes(
                (incident.incidentId() + "\n" + tenant.tenantId()).getBytes(StandardCharsets.UTF_8))
            .toString();
    send(
        Topics.NOTICES,
        new NoticePublished(
            UUID.randomUUID(),
            clock.instant(),
            noticeId,
            tenant.tenantId(),
            incident.incidentId(),
            incident.kind(),
            incident.severity(),
            incident.title(),
            incident.summary(),
            incident.statusUrl()));
  }

  void reportUnreachable(
      IncidentRaised incident, String tenantId, String tenantName, String reason) {
    unreachable.increment();
    log.warn(
        "incident {}: tenant {} cannot be reached: {}", incident.incidentId(), tenantId, reason);
    send(
        Topics.TENANTS_UNREACHABLE,
        new TenantUnreachable(
            UUID.randomUUID(),
            clock.instant(),
            incident.incidentId(),
            tenantId,
            tenantName,
            reason));
  }

  /** Only a committed alert counts as opened; a rolled-back slice is opened again on redelivery. */
  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }

  private void send(Topic topic, Event event) {
    kafka.send(topic.name(), event.key(), event);
  }
}
