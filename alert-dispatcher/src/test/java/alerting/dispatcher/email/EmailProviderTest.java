package alerting.dispatcher.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.sending.ProviderResult;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.FreePorts;
import alerting.localinfra.MailCatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The email provider against a real in-process SMTP server: connections pooled, reused, replaced.
 */
class EmailProviderTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (var i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void sendsManyEmailsInParallelOverAFewReusedSmtpConnections() throws Exception {
    var smtp = started(MailCatcher.start(0));
    var email = provider(smtp.smtpPort(), Map.of("smtp-connections", "3"));
    var threads = Executors.newFixedThreadPool(8);
    open.add(threads::shutdownNow);

    var sends = new ArrayList<Future<ProviderResult>>();
    for (var i = 0; i < 40; i++) {
      var mail = mail("reuse " + i);
      sends.add(threads.submit((Callable<ProviderResult>) () -> email.send(mail)));
    }

    for (var send : sends) {
      assertThat(send.get()).isInstanceOf(ProviderResult.Accepted.class);
    }
    assertThat(smtp.awaitMessages(40, Duration.ofSeconds(10))).hasSize(40);
    assertThat(smtp.connectionsOpened()).as("40 emails, at most 3 connections").isBetween(1L, 3L);
  }

  @Test
  void aConnectionTheServerDroppedIsDiscardedAndTheEmailSentOnceOnAFreshOne() {
    var port = FreePorts.next();
    var first = MailCatcher.start(port);
    var email = provider(port, Map.of());
    assertThat(email.send(mail("before the restart"))).isInstanceOf(ProviderResult.Accepted.class);
    first.awaitMessages(1, Duration.ofSeconds(10));
    first.close();
    var restarted = started(MailCatcher.start(port));
    var connectionsBefore = restarted.connectionsOpened();

    var result = email.send(mail("after the restart"));

    assertThat(result).isInstanceOf(ProviderResult.Accepted.class);
    assertThat(restarted.awaitMessages(1, Duration.ofSeconds(10)))
        .extracting(CaughtMail::subject)
        .containsExactly("after the restart");
    assertThat(restarted.connectionsOpened() - connectionsBefore)
        .as("one fresh connection")
        .isEqualTo(1);
  }

  @Test
  void aConnectionIdleLongerThanTheIdleTimeoutIsClosed() {
    var smtp = started(MailCatcher.start(0));
    var email = provider(smtp.smtpPort(), Map.of("smtp-idle-timeout", "2s"));
    assertThat(email.send(mail("then idle"))).isInstanceOf(ProviderResult.Accepted.class);
    assertThat(email.openConnections()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> email.openConnections() == 0);
  }

  @Test
  void anSmtpServerOutOfReachIsATransientFailure() {
    var email = provider(FreePorts.next(), Map.of());

    var result = email.send(mail("nobody listens"));

    assertThat(result)
        .isInstanceOfSatisfying(
            ProviderResult.Transient.class,
            failure ->
                assertThat(failure.overloaded()).as("not the server pushing back").isFalse());
  }

  @Test
  void aRecipientTheRelayDoesNotKnowIsAPermanentBounceAndTheConnectionServesTheNextMail() {
    var smtp = started(MailCatcher.start(0));
    smtp.refuseRecipient("ada@example.com");
    var email = provider(smtp.smtpPort(), Map.of());

    var result = email.send(mail("to someone who left"));

    assertThat(result)
        .isInstanceOfSatisfying(
            ProviderResult.Permanent.class,
            bounce ->
                assertThat(bounce.reason())
                    .startsWith("bounced: SMTP 550 5.1.1 <ada@example.com>")
                    .contains("User unknown"));
    var next =
        new EmailProvider.Mail(
            List.of("grace@example.com"), "next", "text", "<p>next</p>", "trace-next");
    assertThat(email.send(next)).isInstanceOf(ProviderResult.Accepted.class);
    assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10)))
        .extracting(CaughtMail::subject)
        .containsExactly("next");
  }

  @Test
  void aMailToSeveralStillReachesTheOthersWhenOneAddressBounces() {
    var smtp = started(MailCatcher.start(0));
    smtp.refuseRecipient("ada@example.com");
    var email = provider(smtp.smtpPort(), Map.of());

    var result =
        email.send(
            new EmailProvider.Mail(
                List.of("ada@example.com", "grace@example.com"),
                "review your contacts",
                "text",
                "<p>html</p>",
                "trace-review"));

    assertThat(result).isInstanceOf(ProviderResult.Accepted.class);
    assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10)))
        .singleElement()
        .extracting(CaughtMail::subject)
        .isEqualTo("review your contacts");
  }

  private MailCatcher started(MailCatcher smtp) {
    open.add(smtp);
    return smtp;
  }

  private EmailProvider provider(int port, Map<String, String> email) {
    var properties = new HashMap<String, String>();
    email.forEach((key, value) -> properties.put("alerting.dispatcher.email." + key, value));
    var settings =
        new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("alerting.dispatcher", DispatcherSettings.class);
    var smtp = new JavaMailSenderImpl();
    smtp.setHost("127.0.0.1");
    smtp.setPort(port);
    smtp.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    smtp.getJavaMailProperties().put("mail.smtp.timeout", "5000");
    smtp.getJavaMailProperties().put("mail.smtp.sendpartial", "true");
    var provider = new EmailProvider(smtp, null, null, settings);
    open.add(provider);
    return provider;
  }

  private static EmailProvider.Mail mail(String subject) {
    return new EmailProvider.Mail(
        List.of("ada@example.com"),
        subject,
        "text of " + subject,
        "<p>" + subject + "</p>",
        "trace-" + subject.hashCode());
  }
}
