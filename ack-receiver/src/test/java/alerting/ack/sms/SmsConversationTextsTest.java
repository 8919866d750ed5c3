package alerting.ack.sms;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.AlertStatus;
import alerting.events.Correlation;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged.Action;
import alerting.testsupport.IncidentWords;
import org.junit.jupiter.api.Test;

class SmsConversationTextsTest {

  static AlertBrief brief(Correlation correlation) {
    return new AlertBrief(
        "sar-1",
        "acme",
        "Acme Corp",
        "c-1",
        "Ada Lovelace",
        Severity.HIGH,
        "Leaked API keys",
        null,
        null,
        "K7QD",
        correlation);
  }

  @Test
  void aDisableConfirmationIsAnsweredInItsOwnWordsAndPointsToTheSigningLink() {
    var b = brief(Correlation.supportAccessConfirmation("sar-1", Action.DISABLE, "Lee Admin"));

    assertThat(SmsConversation.acknowledgedText(b))
        .isEqualTo(
            "Confirmed: your confirmation to disable Customer Support Access for Acme Corp is"
                + " recorded. Sign the form with the link we sent you.");
    assertThat(SmsConversation.settledText(b, AlertStatus.ACKNOWLEDGED))
        .startsWith("Already confirmed: the request to disable Customer Support Access");
    IncidentWords.assertNone("ack", SmsConversation.acknowledgedText(b));
    IncidentWords.assertNone("closed", SmsConversation.settledText(b, AlertStatus.CLOSED));
  }

  @Test
  void aReEnableConfirmationIsAnsweredWithoutAnythingToSign() {
    var b = brief(Correlation.supportAccessConfirmation("sar-1", Action.ENABLE, "Lee Admin"));

    assertThat(SmsConversation.acknowledgedText(b))
        .isEqualTo(
            "Confirmed: your confirmation to re-enable Customer Support Access for Acme Corp is"
                + " recorded.");
    IncidentWords.assertNone("ack", SmsConversation.acknowledgedText(b));
  }

  @Test
  void anIncidentIsStillAnsweredAsAnAcknowledgedAlert() {
    var b = brief(Correlation.INCIDENT);

    assertThat(SmsConversation.acknowledgedText(b))
        .startsWith("Acknowledged: Acme Corp - Leaked API keys.");
    assertThat(SmsConversation.settledText(b, AlertStatus.CLOSED))
        .isEqualTo("Already closed: Acme Corp - Leaked API keys. Nothing more to do.");
  }
}
