package alerting.contacts.supportaccess;

import alerting.events.AlertAcknowledged;
import alerting.events.Event;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where a support-access request is confirmed: acknowledgments of its confirmation alerts come back
 * on alerts.acks.v1, correlated to the request. Also expires requests that waited too long.
 */
@Component
class ConfirmationListener {
  private final SupportAccessService service;

  ConfirmationListener(SupportAccessService service) {
    this.service = service;
  }

  @KafkaListener(
      id = "contact-service-confirmations",
      groupId = "${alerting.contacts.consumer-group-prefix:contact-service}-confirmations",
      topics = "#{T(alerting.events.Topics).ACKS.name()}")
  void on(Event event) {
    if (event instanceof AlertAcknowledged ack) {
      service.on(ack);
    }
  }

  @Scheduled(fixedDelayString = "${alerting.contacts.support-access.expiry-check-interval:30s}")
  void expireOverdue() {
    service.expire();
  }
}
