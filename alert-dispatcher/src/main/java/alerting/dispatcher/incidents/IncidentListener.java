package alerting.dispatcher.incidents;

import alerting.dispatcher.fanout.AlertFanOut;
import alerting.events.Event;
import alerting.events.IncidentRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code incidents.v1} in a Kafka transaction: every alert an incident opens is
 * committed together with the incident's offset, so a crash never half-opens an incident.
 */
@Component
class IncidentListener {
  private static final Logger log = LoggerFactory.getLogger(IncidentListener.class);
  private final AlertFanOut fanOut;

  IncidentListener(AlertFanOut fanOut) {
    this.fanOut = fanOut;
  }

  @KafkaListener(id = "incidents", topics = "#{T(alerting.events.Topics).INCIDENTS.name()}")
  void on(Event event) {
    if (event instanceof IncidentRaised incident) {
      var opened = fanOut.open(incident);
      log.info("incident {} opened {} alert(s)", incident.incidentId(), opened);
    }
  }
}
