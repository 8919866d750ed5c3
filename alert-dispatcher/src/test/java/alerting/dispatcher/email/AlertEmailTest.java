package alerting.dispatcher.email;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import alerting.events.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertEmailTest {
  static final String HOSTILE = "<svg onload=alert(1)>";
  static final URI ACK = URI.create("https://ack.example/ack/tok?a=1&b=2");

  static AlertBrief brief(String contact, String tenant, String title, String statusUrl) {
    return new AlertBrief(
        "inc",
        "acme",
        tenant,
        "c",
        contact,
        Severity.CRITICAL,
        title,
        "Rotate the keys",
        statusUrl,
        "K7QD");
  }

  static AlertEmail render(AlertBrief brief) {
    return AlertEmail.render(
        DeliveryRequested.attempt(
            "a-1", 1, new ContactMethod(Channel.EMAIL, "ada@acme.example"), brief, Instant.now()),
        ACK);
  }

  @Test
  void theHtmlPartHasOneBigAcknowledgeButtonTheSmsReplyCodeAndTheStatusPage() {
    var email = render(brief("Ada", "Acme Corp", "Leaked keys", "https://status.example/1"));
    assertThat(email.html())
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("max-width:600px")
        .contains("<a href=\"https://ack.example/ack/tok?a=1&amp;b=2\" style=\"display:block;")
        .contains(">Acknowledge this alert</a>")
        .contains("Or reply <strong>ACK K7QD</strong> to our SMS.")
        .contains("href=\"https://status.example/1\"")
        .contains("Acme Corp", "Leaked keys", "Rotate the keys")
        .doesNotContain("<style");
    assertThat(email.html().split("Acknowledge this alert</a>", -1))
        .as("exactly one button")
        .hasSize(2);
  }

  @Test
  void thePlainTextPartSaysTheSameWithTheLinkAndReplyCode() {
    var email = render(brief("Ada", "Acme Corp", "Leaked keys", "https://status.example/1"));
    assertThat(email.text())
        .contains(
            "Hello Ada,",
            "Acme Corp",
            "Leaked keys",
            ACK.toString(),
            "Or reply ACK K7QD to our SMS.",
            "Status page: https://status.example/1")
        .doesNotContain("<");
  }

  @Test
  void hostileNamesAndTitlesAreEscapedInTheHtml() {
    var email = render(brief(HOSTILE, HOSTILE, HOSTILE, "javascript:alert(1)"));
    assertThat(email.html())
        .doesNotContain("<svg", "href=\"javascript:")
        .contains("&lt;svg onload=alert(1)&gt;");
  }

  @Test
  void aFollowUpUsesTheSameLayoutAndAsksForNoReply() {
    var followUp =
        new FollowUpRequested(
            UUID.randomUUID(),
            Instant.now(),
            "f-1",
            "a-1",
            new ContactMethod(Channel.EMAIL, "ada@acme.example"),
            brief(HOSTILE, "Acme Corp", "Leaked keys", null),
            "Keys rotated " + HOSTILE,
            "https://status.example/2");
    var email = AlertEmail.followUp(followUp);
    assertThat(email.html())
        .contains(
            "max-width:600px",
            "Keys rotated &lt;svg",
            "href=\"https://status.example/2\"",
            "No reply is needed.")
        .doesNotContain("<svg", "Acknowledge this alert");
    assertThat(email.text()).contains("Keys rotated", "No reply is needed.");
  }
}
