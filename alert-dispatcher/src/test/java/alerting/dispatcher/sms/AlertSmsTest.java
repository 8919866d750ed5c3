package alerting.dispatcher.sms;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.Severity;
import java.net.URI;
import java.time.Instant;
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
        AlertSms.render(delivery("Credential leak"), URI.create("http://ack.example/ack/tok"));
    assertThat(text)
        .contains("Acme Corp", "Credential leak", "Reply K7QD", "http://ack.example/ack/tok");
  }

  @Test
  void aLongTitleIsShortenedSoTheTextFitsInTwoSegments() {
    var text =
        AlertSms.render(
            delivery("x".repeat(1000)), URI.create("http://ack.example/ack/" + "t".repeat(120)));
    assertThat(text).hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH).contains("Reply K7QD", "...");
  }

  @Test
  void anOversizedLinkIsDroppedButTheReplyCodeStays() {
    var text =
        AlertSms.render(delivery("Leak"), URI.create("http://ack.example/" + "t".repeat(400)));
    assertThat(text).hasSizeLessThanOrEqualTo(AlertSms.MAX_LENGTH).contains("K7QD");
  }
}
