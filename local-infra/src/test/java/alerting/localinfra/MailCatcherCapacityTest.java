package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailCatcherCapacityTest {
  private static final Duration MAIL_LATENCY = Duration.ofMillis(200);
  private static final int CONCURRENT = 10;

  private MailCatcher mail;
  private Session session;

  @BeforeEach
  void start() throws MessagingException {
    mail = MailCatcher.start(FreePorts.next());
    Properties props = new Properties();
    props.put("mail.smtp.host", mail.smtpHost());
    props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
    session = Session.getInstance(props);
    // the first mail loads Jakarta Mail's classes; keep that out of the timings and rate windows
    // below
    Transport.send(message("warm-up"));
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  @Test
  void holdsEachMailForItsLatencyWhileMailsOnSeveralConnectionsOverlap() throws Exception {
    mail.capacity(ProviderCapacity.latency(MAIL_LATENCY));
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENT);
    try {
      long start = System.nanoTime();
      List<Future<Duration>> sends = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        MimeMessage message = message("incident " + i);
        sends.add(
            senders.submit(
                () -> {
                  long sendStart = System.nanoTime();
                  Transport.send(message);
                  return Duration.ofNanos(System.nanoTime() - sendStart);
                }));
      }
      List<Duration> each = new ArrayList<>();
      for (Future<Duration> send : sends) {
        each.add(send.get());
      }
      Duration all = Duration.ofNanos(System.nanoTime() - start);

      assertThat(each).allSatisfy(took -> assertThat(took).isGreaterThanOrEqualTo(MAIL_LATENCY));
      // one after another they would take 10 × 200 ms = 2 s
      assertThat(all).isLessThan(MAIL_LATENCY.multipliedBy(CONCURRENT).dividedBy(3));
      assertThat(mail.counts()).isEqualTo(new ProviderCounts(1 + CONCURRENT, 0));
      assertThat(mail.messages()).hasSize(1 + CONCURRENT);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void refusesMailsPastTheRateWithATemporaryFailureAndCountsThem() throws Exception {
    mail.capacity(ProviderCapacity.perSecond(3));

    try (Transport connection = session.getTransport("smtp")) {
      connection.connect();
      for (int i = 0; i < 3; i++) {
        sendOver(connection, message("accepted " + i));
      }
      assertThatThrownBy(() -> sendOver(connection, message("refused")))
          .isInstanceOfSatisfying(
              SMTPSendFailedException.class,
              e -> {
                assertThat(e.getReturnCode()).isEqualTo(451);
                assertThat(e.getMessage()).contains("4.7.1 Rate limit exceeded");
              });
    }

    assertThat(mail.counts()).isEqualTo(new ProviderCounts(1 + 3, 1));
    assertThat(mail.messages()).extracting(CaughtMail::subject).doesNotContain("refused");
  }

  @Test
  void acceptsMailsAgainOnTheSameConnectionOnceTheSecondHasPassed() throws Exception {
    mail.capacity(ProviderCapacity.perSecond(1));

    try (Transport connection = session.getTransport("smtp")) {
      connection.connect();
      sendOver(connection, message("first"));
      assertThatThrownBy(() -> sendOver(connection, message("too soon")))
          .isInstanceOf(SMTPSendFailedException.class);

      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .untilAsserted(() -> sendOver(connection, message("later")));
    }

    assertThat(mail.messages())
        .extracting(CaughtMail::subject)
        .contains("first", "later")
        .doesNotContain("too soon");
  }

  @Test
  void countsConnectionsSoASendersReuseOfThemShows() throws Exception {
    long before = mail.connectionsOpened();

    try (Transport connection = session.getTransport("smtp")) {
      connection.connect();
      for (int i = 0; i < 5; i++) {
        sendOver(connection, message("pooled " + i));
      }
    }
    Transport.send(message("own connection 1"));
    Transport.send(message("own connection 2"));

    assertThat(mail.connectionsOpened() - before).isEqualTo(1 + 2);
    assertThat(mail.counts().accepted()).isEqualTo(1 + 5 + 2);
  }

  @Test
  void timesEachMailWhenItWasAccepted() throws Exception {
    mail.capacity(ProviderCapacity.latency(MAIL_LATENCY));
    long start = System.currentTimeMillis();

    Transport.send(message("timed"));

    CaughtMail timed =
        mail.messages().stream().filter(m -> m.subject().equals("timed")).findFirst().orElseThrow();
    assertThat(timed.receivedAt().toEpochMilli() - start)
        .isGreaterThanOrEqualTo(MAIL_LATENCY.toMillis());
  }

  private static void sendOver(Transport connection, MimeMessage message)
      throws MessagingException {
    connection.sendMessage(message, message.getAllRecipients());
  }

  private MimeMessage message(String subject) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("no-reply@alerting.example"));
    message.addRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
    message.setSubject(subject, "UTF-8");
    message.setText("Security incident: " + subject, "UTF-8");
    return message;
  }
}
