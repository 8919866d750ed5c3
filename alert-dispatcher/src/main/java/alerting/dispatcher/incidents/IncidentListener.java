package alerting.dispatcher.incidents;

import alerting.dispatcher.fanout.AlertFanOut;
import alerting.dispatcher.followup.IncidentFollowUps;
import alerting.events.ConfirmationRequested;
import alerting.events.Event;
import alerting.events.IncidentClosed;
import alerting.events.IncidentRaised;
import alerting.events.IncidentUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code incidents.v1} in a Kafka transaction: a raised incident is cut into slices of
 * tenants, an update becomes follow-ups, a closure closes the open alerts, each committed together
 * with the incident's offset. An invalid incident goes to {@code incidents.v1-dlt}.
 */
@Component
class IncidentListener {
  private static final Logger log = LoggerFactory.getLogger(IncidentListener.class);
  private final AlertFanOut fanOut;
  private final IncidentFollowUps followUps;

  IncidentListener(AlertFanOut fanOut, IncidentFollowUps followUps) {
    this.fanOut = fanOut;
    this.followUps = followUps;
  }

  @KafkaListener(id = "incidents", topics = "#{T(alerting.events.Topics).INCIDENTS.name()}")
  void on(Event event) {
    if (event instanceof IncidentRaised incident) {
      var slices = fanOut.queue(incident);
      log.info("incident {} queued for fan-out in {} slice(s)", incident.incidentId(), slices);
    } else if (event instanceof IncidentUpdated update) {
      log.info("incident {} updated: {} follow-up(s)", update.incidentId(), followUps.on(update));
    } else if (event instanceof ConfirmationRequested request) {
      // written here by a contact-service older than support-access.confirmations.v1
      log.info(
          "confirmation {} (on incidents.v1) opened {} alert(s)",
          request.requestId(),
          fanOut.confirm(request));
    } else if (event instanceof IncidentClosed closed) {
      log.info("incident {} closed: {} alert(s) closed", closed.incidentId(), followUps.on(closed));
    }
  }
}
