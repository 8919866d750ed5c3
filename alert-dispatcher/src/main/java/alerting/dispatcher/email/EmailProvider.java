package alerting.dispatcher.email;

import alerting.dispatcher.links.AckLinkFactory;
import alerting.dispatcher.links.SigningLinkFactory;
import alerting.dispatcher.sending.ChannelProvider;
import alerting.dispatcher.sending.ProviderResult;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import jakarta.mail.MessagingException;
import jakarta.mail.util.StreamProvider;
import java.util.List;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends email over SMTP from the no-reply address, with a plain-text and an HTML part: alerts,
 * follow-ups, and (through {@link #send(Mail)}) any other notification of the dispatcher.
 *
 * <p>Emails leave over pooled, reused SMTP connections ({@link SmtpConnections}) built from the
 * {@code spring.mail.*} sender Spring Boot configures. A sender of another kind (a subclass or
 * another JavaMailSender, e.g. the benchmark's zero-latency one) decides itself how mail leaves, so
 * it is called as it is.
 */
@Component
public class EmailProvider implements ChannelProvider, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmailProvider.class);
  private final JavaMailSender mail;
  private final SmtpConnections connections;
  private final AckLinkFactory links;
  private final SigningLinkFactory signingLinks;
  private final String from;

  EmailProvider(
      JavaMailSender mail,
      AckLinkFactory links,
      SigningLinkFactory signingLinks,
      DispatcherSettings settings) {
    useMailStreamProviderDirectly();
    this.mail = mail;
    this.connections =
        mail.getClass() == JavaMailSenderImpl.class
            ? new SmtpConnections(
                (JavaMailSenderImpl) mail,
                settings.email().smtpConnections(),
                settings.email().smtpIdleTimeout(),
                settings.email().smtpPoolWait())
            : null;
    this.links = links;
    this.signingLinks = signingLinks;
    this.from = settings.email().from();
  }

  /**
   * Jakarta Mail looks its stream provider up with a {@link java.util.ServiceLoader} scan of the
   * whole class path in every body part and multipart it constructs (seven per alert email); that
   * scan was the sender's largest cost. Naming the implementation in the system property the API
   * checks first turns the scan into a class lookup. Angus Mail's provider is the one the scan
   * finds anyway; a provider chosen by the deployment is left alone.
   */
  static void useMailStreamProviderDirectly() {
    var property = StreamProvider.class.getName();
    if (System.getProperty(property) == null) {
      System.setProperty(property, MailStreamProvider.class.getName());
    }
  }

  /** One email: recipients, subject, both parts, and an id to trace it by. */
  public record Mail(List<String> to, String subject, String text, String html, String traceId) {}

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public ProviderResult send(DeliveryRequested delivery) {
    var email =
        AlertEmail.render(
            delivery, links.linkFor(delivery), signingLinks.signingLinkFor(delivery).orElse(null));
    return send(
        new Mail(
            List.of(delivery.method().address()),
            email.subject(),
            email.text(),
            email.html(),
            delivery.deliveryId()));
  }

  @Override
  public ProviderResult send(FollowUpRequested followUp) {
    var email = AlertEmail.followUp(followUp);
    return send(
        new Mail(
            List.of(followUp.method().address()),
            email.subject(),
            email.text(),
            email.html(),
            followUp.followUpId()));
  }

  public ProviderResult send(Mail m) {
    var message = mail.createMimeMessage();
    try {
      var helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(from);
      helper.setTo(m.to().toArray(String[]::new));
      helper.setSubject(m.subject());
      helper.setText(m.text(), m.html());
      message.setHeader("X-Alerting-Delivery", m.traceId());
      if (connections != null) {
        connections.send(message);
      } else {
        mail.send(message);
      }
      return new ProviderResult.Accepted(message.getMessageID());
    } catch (MessagingException e) {
      return new ProviderResult.Permanent("unusable email: " + e.getMessage());
    } catch (MailException e) {
      var missed = SmtpFailures.missedWhileOthersGotIt(e);
      if (missed.isPresent()) {
        log.warn(
            "mail {} reached its other recipients but bounced for {}", m.traceId(), missed.get());
        return new ProviderResult.Accepted(messageId(message));
      }
      return SmtpFailures.classify(e);
    }
  }

  private static String messageId(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      return null;
    }
  }

  /** SMTP connections open now (pooled sending only; 0 otherwise). */
  int openConnections() {
    return connections == null ? 0 : connections.open();
  }

  @Override
  public void close() {
    if (connections != null) {
      connections.close();
    }
  }
}
