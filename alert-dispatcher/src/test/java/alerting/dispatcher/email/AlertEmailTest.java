package alerting.dispatcher.email;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged.Action;
import alerting.testsupport.IncidentWords;
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
        ACK,
        null);
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

  static final URI SIGN = URI.create("https://contacts.example/support-access/sign/s1.tok?x=1&y=2");

  static AlertEmail confirmation(Action action, String requestedBy, URI signingLink) {
    var brief =
        new AlertBrief(
            "sar-1",
            "acme",
            "Acme Corp",
            "c",
            "Ada",
            Severity.HIGH,
            "Confirm: Customer Support Access for Acme Corp",
            null,
            null,
            "K7QD",
            Correlation.supportAccessConfirmation("sar-1", action, requestedBy));
    return AlertEmail.render(
        DeliveryRequested.attempt(
            "a-1", 1, new ContactMethod(Channel.EMAIL, "ada@acme.example"), brief, Instant.now()),
        ACK,
        signingLink);
  }

  @Test
  void aDisableConfirmationNamesTheRequesterWhatChangesAndLeadsToTheSigningLink() {
    var email = confirmation(Action.DISABLE, "Lee Admin", SIGN);

    assertThat(email.subject()).isEqualTo("Confirm: disable Customer Support Access for Acme Corp");
    assertThat(email.text())
        .contains(
            "Hello Ada,",
            "Lee Admin asked to disable Customer Support Access for Acme Corp.",
            "support staff can no longer troubleshoot Acme Corp's tenant or read its logs and"
                + " contacts",
            "until a Primary Security contact re-enables access (confirmed by phone)",
            "This is not a security incident.",
            "Review and sign (you do not need an account):\n" + SIGN,
            "Confirm here and sign there:\n" + ACK,
            "Or reply K7QD to our text message to confirm",
            "If this request is not yours or your team's, do not confirm")
        .doesNotContain("<");
    assertThat(email.html())
        .contains(
            "<a href=\"https://contacts.example/support-access/sign/s1.tok?x=1&amp;y=2\""
                + " style=\"display:block;",
            ">Review and sign</a>",
            "Lee Admin",
            "Nothing changes unless it is confirmed and signed.")
        .contains("background-color:#1f2937", "href=\"https://ack.example/ack/tok?a=1&amp;b=2\"")
        .doesNotContain(">Acknowledge this alert</a>");
    assertThat(email.html().split("style=\"display:block;", -1))
        .as("one button, the signing link's")
        .hasSize(2);
    IncidentWords.assertNone("text", email.subject() + "\n" + email.text());
    IncidentWords.assertNone("html", email.html());
  }

  @Test
  void aDisableConfirmationWithoutASigningLinkMakesTheAckLinkTheButton() {
    var email = confirmation(Action.DISABLE, "Lee Admin", null);

    assertThat(email.html())
        .contains(
            "<a href=\"https://ack.example/ack/tok?a=1&amp;b=2\" style=\"display:block;",
            ">Confirm this request</a>")
        .doesNotContain("Review and sign");
    assertThat(email.text()).contains("Confirm this request:\n" + ACK, "sign the acknowledgment");
    IncidentWords.assertNone("html", email.html());
  }

  @Test
  void aReEnableConfirmationNamesTheRequesterWhatChangesAndThatItIsConfirmedByPhone() {
    var email = confirmation(Action.ENABLE, "Lee Admin", null);

    assertThat(email.subject())
        .isEqualTo("Confirm: re-enable Customer Support Access for Acme Corp");
    assertThat(email.text())
        .contains(
            "Lee Admin asked to re-enable Customer Support Access for Acme Corp.",
            "support staff may again troubleshoot Acme Corp's tenant and read its logs and"
                + " contacts",
            "Re-enabling is confirmed by phone: answer our call and press 1.",
            ACK.toString(),
            "This is not a security incident.")
        .doesNotContain("sign");
    assertThat(email.html()).contains("Lee Admin", "answer our call and press 1");
    IncidentWords.assertNone("text", email.subject() + "\n" + email.text());
    IncidentWords.assertNone("html", email.html());
  }

  @Test
  void aConfirmationOlderThanItsRequesterSaysWhereTheRequestCameFromInNeutralWords() {
    var email = confirmation(null, null, null);

    assertThat(email.subject()).isEqualTo("Confirm: Customer Support Access change for Acme Corp");
    assertThat(email.text())
        .contains(
            "Someone at Acme Corp asked for a Customer Support Access change for Acme Corp",
            ACK.toString(),
            "K7QD");
    IncidentWords.assertNone("text", email.subject() + "\n" + email.text());
    IncidentWords.assertNone("html", email.html());
  }

  @Test
  void aConfirmationEscapesTheRequesterInTheHtml() {
    var email = confirmation(Action.DISABLE, HOSTILE, SIGN);
    assertThat(email.html()).doesNotContain("<svg").contains("&lt;svg onload=alert(1)&gt;");
  }

  @Test
  void theIncidentWordsCheckCatchesAnIncidentEmail() {
    var incident = render(brief("Ada", "Acme Corp", "Leaked keys", null));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> IncidentWords.assertNone("incident", incident.text()))
        .isInstanceOf(AssertionError.class);
  }
}
