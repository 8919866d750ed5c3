package alerting.dispatcher.confirmations;

import alerting.dispatcher.fanout.AlertFanOut;
import alerting.dispatcher.followup.IncidentFollowUps;
import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code support-access.confirmations.v1} in a Kafka transaction: a request opens its few
 * alerts at once, correlated to it; a closing closes those still open. An invalid record goes to
 * {@code support-access.confirmations.v1-dlt}.
 */
@Component
class ConfirmationListener {
  private static final Logger log = LoggerFactory.getLogger(ConfirmationListener.class);
  private final AlertFanOut fanOut;
  private final IncidentFollowUps followUps;

  ConfirmationListener(AlertFanOut fanOut, IncidentFollowUps followUps) {
    this.fanOut = fanOut;
    this.followUps = followUps;
  }

  @KafkaListener(
      id = "confirmations",
      topics = "#{T(alerting.events.Topics).SUPPORT_ACCESS_CONFIRMATIONS.name()}")
  void on(Event event) {
    if (event instanceof ConfirmationRequested request) {
      log.info("confirmation {} opened {} alert(s)", request.requestId(), fanOut.confirm(request));
    } else if (event instanceof ConfirmationClosed closed) {
      log.info(
          "confirmation {} closed: {} alert(s) closed", closed.requestId(), followUps.on(closed));
    }
  }
}
