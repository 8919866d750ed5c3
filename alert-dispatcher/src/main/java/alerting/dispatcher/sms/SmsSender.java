package alerting.dispatcher.sms;

import alerting.dispatcher.links.AckLinkFactory;
import alerting.dispatcher.system.DeliveryOutcomes;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Sends each requested SMS attempt through Twilio and reports the outcome. */
@Component
class SmsSender {
  private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
  private final TwilioRestClient twilio;
  private final AckLinkFactory links;
  private final DeliveryOutcomes outcomes;
  private final String from;

  SmsSender(TwilioRestClient twilio, AckLinkFactory links, DeliveryOutcomes outcomes,
      DispatcherSettings settings) {
    this.twilio = twilio;
    this.links = links;
    this.outcomes = outcomes;
    this.from = settings.twilio().fromNumber();
  }

  @KafkaListener(id = "sms-sender", topics = "#{T(alerting.events.Topics).DELIVERIES_SMS.name()}")
  void on(Event event) {
    if (!(event instanceof DeliveryRequested delivery)) {
      return;
    }
    var body = AlertSms.render(delivery, links.linkFor(delivery));
    try {
      var message = Message.creator(new PhoneNumber(delivery.method().address()),
              new PhoneNumber(from), body)
          .setStatusCallback(links.statusCallback())
          .create(twilio);
      outcomes.report(delivery, DeliveryStatus.SENT, message.getSid(), null);
    } catch (ApiException e) {
      log.warn("sms {} refused by provider ({}): {}", delivery.deliveryId(), e.getStatusCode(), e.getMessage());
      outcomes.report(delivery, DeliveryStatus.FAILED, null, e.getMessage());
    }
  }
}
