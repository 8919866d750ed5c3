package alerting.dispatcher.verification;

import alerting.dispatcher.fanout.AlertFanOut;
import alerting.events.Event;
import alerting.events.VerificationRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Where a verification drill's alerts are opened: consumes {@code verifications.v1} in a Kafka
 * transaction, each drill's alerts committed together with its offset, so a redelivered drill opens
 * nothing twice. An invalid record goes to {@code verifications.v1-dlt}.
 */
@Component
class VerificationListener {
  private static final Logger log = LoggerFactory.getLogger(VerificationListener.class);
  private final AlertFanOut fanOut;

  VerificationListener(AlertFanOut fanOut) {
    this.fanOut = fanOut;
  }

  @KafkaListener(id = "verifications", topics = "#{T(alerting.events.Topics).VERIFICATIONS.name()}")
  void on(Event event) {
    if (event instanceof VerificationRequested drill) {
      log.info(
          "verification drill {} of tenant {}: {} alert(s) opened",
          drill.drillId(),
          drill.tenantId(),
          fanOut.verify(drill));
    }
  }
}
