package alerting.dispatcher.email;

import alerting.dispatcher.links.AckLinkFactory;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.system.DeliveryOutcomes;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends each requested email attempt over SMTP and reports the outcome. */
@Component
class EmailSender {
  private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
  private final JavaMailSender mail;
  private final AckLinkFactory links;
  private final DeliveryOutcomes outcomes;
  private final String from;

  EmailSender(JavaMailSender mail, AckLinkFactory links, DeliveryOutcomes outcomes,
      DispatcherSettings settings) {
    this.mail = mail;
    this.links = links;
    this.outcomes = outcomes;
    this.from = settings.email().from();
  }

  @KafkaListener(id = "email-sender", topics = "#{T(alerting.events.Topics).DELIVERIES_EMAIL.name()}")
  void on(Event event) throws MessagingException {
    if (!(event instanceof DeliveryRequested delivery)) {
      return;
    }
    var email = AlertEmail.render(delivery, links.linkFor(delivery));
    var message = mail.createMimeMessage();
    var helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(delivery.method().address());
    helper.setSubject(email.subject());
    helper.setText(email.text(), email.html());
    try {
      mail.send(message);
      outcomes.report(delivery, DeliveryStatus.SENT, message.getMessageID(), null);
    } catch (MailException e) {
      log.warn("email {} failed: {}", delivery.deliveryId(), e.getMessage());
      outcomes.report(delivery, DeliveryStatus.FAILED, null, e.getMessage());
    }
  }
}
