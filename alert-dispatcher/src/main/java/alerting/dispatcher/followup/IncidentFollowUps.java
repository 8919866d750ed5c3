package alerting.dispatcher.followup;

import alerting.dispatcher.fanout.AlertBook;
import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.ConfirmationClosed;
import alerting.events.ContactMethod;
import alerting.events.Event;
import alerting.events.FollowUpRequested;
import alerting.events.IncidentClosed;
import alerting.events.IncidentUpdated;
import alerting.events.Topics;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * An update reaches everyone already alerted for the incident, acknowledged or not, by email (or
 * SMS for a contact without email), pointing to the status page. A closure closes every alert still
 * open, so the escalation worker makes no further attempt; so does the end of a support-access
 * confirmation.
 */
@Component
public class IncidentFollowUps {
  private final AlertBook book;
  private final KafkaTemplate<String, Event> kafka;
  private final Clock clock = Clock.systemUTC();

  IncidentFollowUps(AlertBook book, KafkaTemplate<String, Event> kafka) {
    this.book = book;
    this.kafka = kafka;
  }

  public int on(IncidentUpdated update) {
    var sent = 0;
    for (var alert : book.alertsOf(update.incidentId())) {
      var method = followUpMethod(alert);
      if (method.isEmpty()) {
        continue;
      }
      var statusUrl = update.statusUrl() != null ? update.statusUrl() : alert.brief().statusUrl();
      var followUp =
          new FollowUpRequested(
              UUID.randomUUID(),
              clock.instant(),
              alert.alertId() + ":update:" + update.eventId(),
              alert.alertId(),
              method.get(),
              alert.brief(),
              update.message(),
              statusUrl);
      kafka.send(
          method.get().channel().deliveryTopic(followUp.brief().severity()).name(),
          followUp.key(),
          followUp);
      sent++;
    }
    return sent;
  }

  public int on(IncidentClosed closed) {
    return close(
        closed.incidentId(), closed.reason() == null ? "incident closed" : closed.reason());
  }

  /** A confirmation's alerts are opened under its request id, so they close the same way. */
  public int on(ConfirmationClosed closed) {
    return close(closed.requestId(), closed.reason());
  }

  private int close(String incidentId, String reason) {
    var alerts = book.openAlertsOf(incidentId);
    for (var alert : alerts) {
      var event =
          new AlertClosed(UUID.randomUUID(), clock.instant(), alert.alertId(), incidentId, reason);
      kafka.send(Topics.ALERTS.name(), event.key(), event);
    }
    return alerts.size();
  }

  private static Optional<ContactMethod> followUpMethod(AlertOpened alert) {
    return alert.methods().stream()
        .filter(m -> m.channel() == Channel.EMAIL)
        .findFirst()
        .or(() -> alert.methods().stream().filter(m -> m.channel() == Channel.SMS).findFirst());
  }
}
