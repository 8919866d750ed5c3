package alerting.dispatcher.contactchanges;

import alerting.dispatcher.email.EmailProvider;
import alerting.dispatcher.sending.ProviderResult;
import alerting.events.Event;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends one email per contact change or support-access step, to every address it names,
 * through the email channel. A transient SMTP failure rolls back and is tried again (twice), then the change goes
 * to {@code contacts.changes.v1-dlt} with the reason; a permanent one is logged and counted.
 */
@Component
class ContactChangeListener {
  private static final Logger log = LoggerFactory.getLogger(ContactChangeListener.class);
  private final EmailProvider email;
  private final MeterRegistry meters;

  ContactChangeListener(EmailProvider email, MeterRegistry meters) {
    this.email = email;
    this.meters = meters;
  }

  @KafkaListener(id = "contact-changes", topics = {"#{T(alerting.events.Topics).CONTACTS_CHANGES.name()}",
      "#{T(alerting.events.Topics).SUPPORT_ACCESS.name()}"})
  void on(Event change) {
    var mail = ChangeEmail.of(change);
    if (mail.isEmpty()) {
      return;
    }
    var result = email.send(mail.get());
    meters.counter("alerting.contact.change.emails", "outcome",
        result.getClass().getSimpleName().toLowerCase()).increment();
    if (result instanceof ProviderResult.Transient failure) {
      throw new IllegalStateException("contact-change email not sent yet: " + failure.reason());
    }
    if (result instanceof ProviderResult.Permanent refused) {
      log.warn("contact-change email {} refused: {}", change.eventId(), refused.reason());
    }
  }
}
