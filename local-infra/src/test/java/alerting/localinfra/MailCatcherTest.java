package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailCatcherTest {
  private MailCatcher mail;

  @BeforeEach
  void start() {
    mail = MailCatcher.start(0);
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  @Test
  void catchesAMailSentOverSmtpWithItsTextAndHtmlParts() throws Exception {
    send(
        "Security incident <INC-1>",
        "Open https://ack.example/a/1 to acknowledge",
        "<p>Open <a href=\"https://ack.example/a/1\">this link</a></p>",
        "alice@example.com",
        "bob@example.com");

    List<CaughtMail> mails = mail.awaitMessages(1, Duration.ofSeconds(10));

    assertThat(mails)
        .singleElement()
        .satisfies(
            caught -> {
              assertThat(caught.from()).isEqualTo("no-reply@alerting.example");
              assertThat(caught.to()).containsExactly("alice@example.com", "bob@example.com");
              assertThat(caught.subject()).isEqualTo("Security incident <INC-1>");
              assertThat(caught.text()).isEqualTo("Open https://ack.example/a/1 to acknowledge");
              assertThat(caught.html()).contains("href=\"https://ack.example/a/1\"");
              assertThat(caught.receivedAt()).isNotNull();
            });
  }

  @Test
  void aMailToSomeoneTheRelayDoesNotKnowBouncesWithUserUnknownAndIsNotKept() throws Exception {
    mail.refuseRecipient("Gone@Example.com");

    assertThatThrownBy(() -> send("hello", "anyone there?", null, "gone@example.com"))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550 5.1.1 <gone@example.com>: Recipient address rejected");
    assertThatThrownBy(() -> send("hello", "anyone there?", null, "ada@" + MailCatcher.NOWHERE))
        .hasStackTraceContaining("User unknown");
    send("hello", "still here", null, "alice@example.com");

    assertThat(mail.awaitMessages(1, Duration.ofSeconds(10)))
        .singleElement()
        .extracting(CaughtMail::to)
        .isEqualTo(List.of("alice@example.com"));
  }

  @Test
  void listsAMailSentTwiceToOneRecipientTwiceSoDuplicatesShow() throws Exception {
    MimeMessage message = message("reminder", "please acknowledge", null, "alice@example.com");
    Transport.send(message);
    Transport.send(message);

    assertThat(mail.awaitMessages(2, Duration.ofSeconds(10)))
        .extracting(CaughtMail::subject)
        .containsExactly("reminder", "reminder");
  }

  @Test
  void countsTheSmtpConnectionsClientsOpenSoReuseCanBeSeen() throws Exception {
    assertThat(mail.connectionsOpened()).isZero();
    send("first", "over its own connection", null, "alice@example.com");
    send("second", "over another one", null, "alice@example.com");

    mail.awaitMessages(2, Duration.ofSeconds(10));
    assertThat(mail.connectionsOpened())
        .as("Transport.send opens a connection per mail")
        .isEqualTo(2);
  }

  @Test
  void refusesConnectionsDuringAnOutageAndKeepsItsMailsForAfter() throws Exception {
    send("before", "sent before the outage", null, "alice@example.com");
    mail.awaitMessages(1, Duration.ofSeconds(10));
    Properties props = new Properties();
    props.put("mail.smtp.host", mail.smtpHost());
    props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
    Transport pooled = Session.getInstance(props).getTransport("smtp");
    pooled.connect();

    mail.refuseConnections();

    assertThatThrownBy(() -> send("during", "refused", null, "alice@example.com"))
        .isInstanceOf(MessagingException.class)
        .hasRootCauseInstanceOf(ConnectException.class);
    MimeMessage overHeldConnection =
        message("held", "over a connection opened before", null, "bob@example.com");
    assertThatThrownBy(
            () -> pooled.sendMessage(overHeldConnection, overHeldConnection.getAllRecipients()))
        .as("a connection held open across the outage is closed by it")
        .isInstanceOf(MessagingException.class);

    mail.resumeAccepting();
    send("after", "sent after the outage", null, "alice@example.com");

    assertThat(mail.awaitMessages(2, Duration.ofSeconds(10)))
        .extracting(CaughtMail::subject)
        .containsExactly("before", "after");
  }

  @Test
  void aSenderKilledMidMailLeavesNoErrorBehindAndTheNextMailIsCaught() throws Exception {
    // Awaitility fails an await() on any exception left uncaught on another thread of the JVM:
    // the catcher's own threads must not leave one when a sender dies mid-session
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              resetMidMail();
              return true;
            });
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);

    send("after", "from a sender still alive", null, "alice@example.com");
    assertThat(mail.awaitMessages(1, Duration.ofSeconds(10)))
        .extracting(CaughtMail::subject)
        .containsExactly("after");
  }

  /** What a sender's {@code kill -9} does to its SMTP session: a reset in the middle of DATA. */
  private void resetMidMail() throws Exception {
    try (var socket = new Socket(mail.smtpHost(), mail.smtpPort())) {
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      in.readLine();
      for (var line :
          List.of("HELO killed", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>", "DATA")) {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in.readLine();
      }
      out.write("Subject: half a mail\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoLinger(true, 0);
    }
  }

  @Test
  void showsTheInboxNewestFirstWithClickableLinks() throws Exception {
    send("older", "first mail", null, "alice@example.com");
    send("newer <script>", "see https://ack.example/a/2", null, "alice@example.com");
    mail.awaitMessages(2, Duration.ofSeconds(10));
    String inbox = mail.startInboxPage(0);

    String list = get(inbox + "/");
    String newest = get(inbox + "/message?id=1");

    assertThat(list.indexOf("newer")).isLessThan(list.indexOf("older"));
    assertThat(list).contains("newer &lt;script&gt;").doesNotContain("<script>");
    assertThat(newest).contains("<a href=\"https://ack.example/a/2\">https://ack.example/a/2</a>");
  }

  private void send(String subject, String text, String html, String... to) throws Exception {
    Transport.send(message(subject, text, html, to));
  }

  private MimeMessage message(String subject, String text, String html, String... to)
      throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", mail.smtpHost());
    props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
    MimeMessage message =
        new MimeMessage(Session.getInstance(props)) {
          @Override
          protected void updateMessageID() throws MessagingException {
            // a stable id, as a sender deriving it from the delivery id would set
            setHeader("Message-ID", "<" + subject.hashCode() + "@alerting.example>");
          }
        };
    message.setFrom(new InternetAddress("no-reply@alerting.example"));
    for (String recipient : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject(subject, "UTF-8");
    if (html == null) {
      message.setText(text, "UTF-8");
    } else {
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(text, "UTF-8");
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setContent(html, "text/html; charset=UTF-8");
      message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
    }
    return message;
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
