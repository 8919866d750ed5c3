package alerting.dispatcher.sms;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryRequested;
import alerting.events.Severity;
import alerting.events.SigningLinks;
import alerting.events.SupportAccessChanged.Action;
import alerting.testsupport.IncidentWords;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertSmsTest {

  static DeliveryRequested delivery(String title) {
    var brief =
        new AlertBrief(
            "inc", "acme", "Acme Corp", "c", "Ada", Severity.CRITICAL, title, null, null, "K7QD");
    return DeliveryRequested.attempt(
        "a-1", 2, new ContactMethod(Channel.SMS, "+14155550100"), brief, Instant.now());
  }

  @Test
  void theTextNamesTheTenantTheIncidentTheReplyCodeAndTheLink() {
    var text =
        AlertSms.render(
            delivery("Credential leak"), URI.create("http://ack.example/ack/tok"), null);
    assertThat(text)
        .contains("Acme Corp", "Credential leak", "Reply K7QD", "http://ack.example/ack/tok");
  }

  @Test
  void aLongTitleIsShortenedSoTheTextFitsInTwoSegments() {
    var text =
        AlertSms.render(
            delivery("x".repeat(1000)),
            URI.create("http://ack.example/ack/" + "t".repeat(120)),
            null);
    assertThat(text).hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH).contains("Reply K7QD", "...");
  }

  @Test
  void anOversizedLinkIsDroppedButTheReplyCodeStays() {
    var text =
        AlertSms.render(
            delivery("Leak"), URI.create("http://ack.example/" + "t".repeat(400)), null);
    assertThat(text).hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH).contains("K7QD");
  }

  /** As long as a real one: a UUID request id and contact id, sealed. */
  static final URI SIGN =
      URI.create(
          "http://localhost:8081/support-access/sign/"
              + SigningLinks.seal(
                  new SigningLinks.Claims(
                      UUID.randomUUID().toString(),
                      UUID.randomUUID().toString(),
                      Channel.SMS,
                      Instant.now().plus(Duration.ofDays(7))),
                  "s1",
                  "a-signing-key".getBytes(StandardCharsets.UTF_8)));

  static final URI ACK = URI.create("http://localhost:8084/ack/k1." + "B".repeat(100));

  static DeliveryRequested confirmation(String tenant, Action action, String requestedBy) {
    var brief =
        new AlertBrief(
            "sar-1",
            "acme",
            tenant,
            "c",
            "Ada",
            Severity.HIGH,
            "Confirm: Customer Support Access",
            null,
            null,
            "K7QD",
            Correlation.supportAccessConfirmation("sar-1", action, requestedBy));
    return DeliveryRequested.attempt(
        "a-1", 1, new ContactMethod(Channel.SMS, "+14155550100"), brief, Instant.now());
  }

  @Test
  void aDisableConfirmationNamesTheRequesterWhatChangesTheSigningLinkAndTheReplyCode() {
    var text = AlertSms.render(confirmation("Acme Corp", Action.DISABLE, "Lee Admin"), ACK, SIGN);

    assertThat(text)
        .hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH)
        .startsWith("Acme Corp: Lee Admin asked to disable Customer Support Access")
        .contains(
            "support staff lose access to your tenant",
            "Not an incident.",
            "Review and sign: " + SIGN,
            "reply K7QD to confirm");
    IncidentWords.assertNone("sms", text);
  }

  @Test
  void aDisableConfirmationTooLongForItsLinkKeepsTheReplyCodeWithinTwoSegments() {
    var text =
        AlertSms.render(
            confirmation("Acme " + "Corp".repeat(60), Action.DISABLE, "Lee " + "Admin".repeat(60)),
            ACK,
            SIGN);

    assertThat(text)
        .hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH)
        .contains("asked to disable Customer Support Access", "Reply K7QD to confirm")
        .doesNotContain(SIGN.toString());
    IncidentWords.assertNone("sms", text);
  }

  @Test
  void aDisableConfirmationShortensWhatChangesBeforeItDropsTheSigningLink() {
    var text =
        AlertSms.render(
            confirmation("Acme Corporation Intl", Action.DISABLE, "Lee Admin"), ACK, SIGN);

    assertThat(text)
        .hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH)
        .contains("Lee Admin", "(support staff lose access)", SIGN.toString(), "reply K7QD");
  }

  @Test
  void aReEnableConfirmationNamesTheRequesterWhatChangesAndAnnouncesTheCall() {
    var text = AlertSms.render(confirmation("Acme Corp", Action.ENABLE, "Lee Admin"), ACK, null);

    assertThat(text)
        .hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH)
        .startsWith("Acme Corp: Lee Admin asked to re-enable Customer Support Access")
        .contains("support staff regain access to your tenant", "We will call you to confirm")
        .doesNotContain("sign");
    IncidentWords.assertNone("sms", text);
  }

  @Test
  void aConfirmationOlderThanItsRequesterSaysWhereTheRequestCameFrom() {
    var text = AlertSms.render(confirmation("Acme Corp", null, null), ACK, null);

    assertThat(text)
        .hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH)
        .contains("someone at Acme Corp", "Customer Support Access", "K7QD");
    IncidentWords.assertNone("sms", text);
  }
}
