package alerting.dispatcher.contactchanges;

import alerting.dispatcher.email.EmailProvider;
import alerting.dispatcher.email.EmailProvider.Mail;
import alerting.dispatcher.sending.ProviderResult;
import alerting.events.Event;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends a contact change, support-access step or contacts review request by email to every address
 * it names, one message per address, so that one address the mail server refuses never keeps the
 * others from being told. A transient SMTP failure rolls back and is tried again (twice) for the
 * addresses not yet sent, then the change goes to {@code contacts.changes.v1-dlt} with the reason;
 * a permanent one is logged and counted.
 */
@Component
class ContactChangeListener {
  private static final Logger log = LoggerFactory.getLogger(ContactChangeListener.class);
  private final EmailProvider email;
  private final MeterRegistry meters;

  /**
   * Addresses already sent each change, so a retry after a transient failure writes only to those
   * still waiting; a crash between a send and the commit can still repeat one message, which is
   * better than telling nobody.
   */
  private final Cache<String, Boolean> sent =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

  ContactChangeListener(EmailProvider email, MeterRegistry meters) {
    this.email = email;
    this.meters = meters;
  }

  @KafkaListener(
      id = "contact-changes",
      topics = {
        "#{T(alerting.events.Topics).CONTACTS_CHANGES.name()}",
        "#{T(alerting.events.Topics).SUPPORT_ACCESS.name()}",
        "#{T(alerting.events.Topics).CONTACTS_REVIEWS.name()}"
      })
  void on(Event change) {
    var mail = ChangeEmail.of(change);
    if (mail.isEmpty()) {
      return;
    }
    List<String> waiting = new ArrayList<>();
    for (var address : mail.get().to()) {
      var key = change.eventId() + " " + address;
      if (sent.getIfPresent(key) != null) {
        continue;
      }
      var one = mail.get();
      var result =
          email.send(
              new Mail(List.of(address), one.subject(), one.text(), one.html(), one.traceId()));
      meters
          .counter(
              "alerting.contact.change.emails",
              "outcome",
              result.getClass().getSimpleName().toLowerCase())
          .increment();
      if (result instanceof ProviderResult.Transient failure) {
        waiting.add(address + " (" + failure.reason() + ")");
      } else if (result instanceof ProviderResult.Throttled throttled) {
        waiting.add(address + " (" + throttled.reason() + ")");
      } else if (result instanceof ProviderResult.Permanent refused) {
        log.warn(
            "contact-change email {} refused for one address: {}",
            change.eventId(),
            refused.reason());
      } else {
        sent.put(key, Boolean.TRUE);
      }
    }
    if (!waiting.isEmpty()) {
      throw new IllegalStateException(
          "contact-change email not sent yet to " + String.join(", ", waiting));
    }
  }
}
