package alerting.contacts.verification;

import alerting.events.AlertState;
import alerting.events.Event;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Where a verification drill's outcomes come back: the states of its alerts on alerts.state.v1
 * (acknowledged, unanswered, or failed with the provider's reason). Every other alert's state is
 * passed over.
 */
@Component
class ReachabilityListener {
  private final Reachability reachability;

  ReachabilityListener(Reachability reachability) {
    this.reachability = reachability;
  }

  @KafkaListener(
      id = "contact-service-reachability",
      groupId = "${alerting.contacts.consumer-group-prefix:contact-service}-reachability",
      topics = "#{T(alerting.events.Topics).ALERT_STATE.name()}")
  void on(Event event) {
    if (event instanceof AlertState state
        && state.brief() != null
        && state.brief().correlation().verificationOf().isPresent()) {
      reachability.record(state);
    }
  }
}
