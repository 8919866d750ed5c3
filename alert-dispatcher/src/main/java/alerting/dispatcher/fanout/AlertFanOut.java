package alerting.dispatcher.fanout;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.recipients.RecipientPolicy;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.Contact;
import alerting.events.DeliveryRequested;
import alerting.events.Event;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.ReplyCodes;
import alerting.events.TenantContacts;
import alerting.events.Topic;
import alerting.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Where an alert is opened. For every recipient it sends {@code AlertOpened}, the first
 * {@code DeliveryRequested} and its {@code AckTimeoutScheduled}; called inside the incident
 * listener's Kafka transaction, so all of them are committed together or not at all.
 */
@Component
public class AlertFanOut {
  private static final Logger log = LoggerFactory.getLogger(AlertFanOut.class);
  private final ContactDirectory directory;
  private final KafkaTemplate<String, Event> kafka;
  private final DispatcherSettings settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Counter alertsOpened;

  AlertFanOut(ContactDirectory directory, KafkaTemplate<String, Event> kafka,
      DispatcherSettings settings, MeterRegistry meters) {
    this.directory = directory;
    this.kafka = kafka;
    this.settings = settings;
    this.clock = Clock.systemUTC();
    this.meters = meters;
    this.alertsOpened = meters.counter("alerting.alerts.opened");
  }

  /** Opens the incident's alerts and returns how many. */
  public int open(IncidentRaised incident) {
    var tenants = incident.scope().allTenants()
        ? List.copyOf(directory.allTenants())
        : incident.scope().tenantIds().stream().flatMap(id -> known(incident, id).stream()).toList();
    var opened = 0;
    for (var tenant : tenants) {
      var recipients = RecipientPolicy.recipients(incident, tenant);
      if (recipients.isEmpty() && incident.kind() == IncidentKind.SECURITY_CONCERN) {
        meters.counter("alerting.tenants.unreachable").increment();
        log.warn("incident {}: tenant {} has no reachable contact", incident.incidentId(), tenant.tenantId());
      }
      for (var contact : recipients) {
        openAlert(incident, tenant, contact);
        opened++;
      }
    }
    return opened;
  }

  private java.util.Optional<TenantContacts> known(IncidentRaised incident, String tenantId) {
    var tenant = directory.tenant(tenantId);
    if (tenant.isEmpty()) {
      meters.counter("alerting.tenants.unknown").increment();
      log.warn("incident {} names tenant {}, which has no contacts on record", incident.incidentId(), tenantId);
    }
    return tenant;
  }

  private void openAlert(IncidentRaised incident, TenantContacts tenant, Contact contact) {
    var now = clock.instant();
    var alertId = AlertIds.forRecipient(incident.incidentId(), tenant.tenantId(), contact.contactId());
    var brief = new AlertBrief(incident.incidentId(), tenant.tenantId(), tenant.tenantName(),
        contact.contactId(), contact.displayName(), incident.severity(), incident.title(),
        incident.summary(), incident.statusUrl(), ReplyCodes.forAlert(alertId));
    var plan = settings.escalation().planFor(incident.severity());
    var opened = new AlertOpened(UUID.randomUUID(), now, alertId, brief, contact.methods(), plan);
    var first = DeliveryRequested.attempt(alertId, 1, opened.methodFor(1), brief, now);
    var deadline = new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1,
        now.plus(plan.ackTimeout()));
    send(Topics.ALERTS, opened);
    send(first.method().channel().deliveryTopic(), first);
    send(Topics.ACK_TIMEOUTS, deadline);
    alertsOpened.increment();
  }

  private void send(Topic topic, Event event) {
    kafka.send(topic.name(), event.key(), event);
  }
}
