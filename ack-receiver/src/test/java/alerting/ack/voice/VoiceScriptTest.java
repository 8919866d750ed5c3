package alerting.ack.voice;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.Correlation;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged.Action;
import alerting.testsupport.IncidentWords;
import org.junit.jupiter.api.Test;

class VoiceScriptTest {
  static final String GATHER = "https://ack.example/twilio/voice/gather?round=1";

  static AlertBrief confirmation(Action action, String requestedBy) {
    return new AlertBrief(
        "sar-1",
        "acme",
        "Acme Corp",
        "c-1",
        "Ada Lovelace",
        Severity.HIGH,
        "Confirm: Customer Support Access for Acme Corp",
        null,
        null,
        "K7QD",
        Correlation.supportAccessConfirmation("sar-1", action, requestedBy));
  }

  /** Every line a confirmation's call may say, none of them in an incident's words. */
  static void sayNoIncidentWords(AlertBrief brief) {
    IncidentWords.assertNone("prompt", VoiceScript.prompt(brief, GATHER, false));
    IncidentWords.assertNone("repeated prompt", VoiceScript.prompt(brief, GATHER, true));
    IncidentWords.assertNone("after the keypress", VoiceScript.acknowledged(brief));
    IncidentWords.assertNone("voicemail", VoiceScript.voicemail(brief));
    IncidentWords.assertNone("no keypress", VoiceScript.noAcknowledgment(brief));
    IncidentWords.assertNone("acknowledged", VoiceScript.settled(brief, "acknowledged"));
    IncidentWords.assertNone("closed", VoiceScript.settled(brief, "closed"));
  }

  @Test
  void aDisableConfirmationCallNamesTheRequesterWhatChangesAndAsksToSignAfterPressingOne() {
    var brief = confirmation(Action.DISABLE, "Lee Admin");

    assertThat(VoiceScript.prompt(brief, GATHER, false))
        .contains(
            "<Gather",
            "This is the security alerting service for Acme Corp. This is not a security"
                + " incident. Lee Admin asked to disable Customer Support Access: support staff"
                + " would no longer be able to troubleshoot your tenant or read its logs and"
                + " contacts.",
            "press 1 to confirm, then sign the acknowledgment form with the link we sent you by"
                + " email or text.",
            "If it is not, hang up and tell your administrator.");
    assertThat(VoiceScript.prompt(brief, GATHER, true)).contains("Again: this is the security");
    assertThat(VoiceScript.acknowledged(brief))
        .contains("Thank you. Your confirmation is recorded.", "sign the acknowledgment form")
        .contains("<Hangup");
    assertThat(VoiceScript.settled(brief, "acknowledged"))
        .contains("disable Customer Support Access for Acme Corp is already confirmed");
    sayNoIncidentWords(brief);
  }

  @Test
  void aReEnableConfirmationCallNamesTheRequesterAndWhatChanges() {
    var brief = confirmation(Action.ENABLE, "Lee Admin");

    assertThat(VoiceScript.prompt(brief, GATHER, false))
        .contains(
            "This is not a security incident. Lee Admin asked to re-enable Customer Support"
                + " Access: support staff could again troubleshoot your tenant and read its logs"
                + " and contacts. If this request is yours or your team's, press 1 to confirm.")
        .doesNotContain("sign");
    assertThat(VoiceScript.acknowledged(brief))
        .contains("Your confirmation is recorded.")
        .doesNotContain("sign");
    assertThat(VoiceScript.noAcknowledgment(brief))
        .contains("Nothing changes unless the request is confirmed");
    sayNoIncidentWords(brief);
  }

  @Test
  void aConfirmationOlderThanItsRequesterSaysWhereTheRequestCameFrom() {
    var brief = confirmation(null, null);

    assertThat(VoiceScript.prompt(brief, GATHER, false))
        .contains("Someone at Acme Corp asked to change Customer Support Access.", "press 1");
    sayNoIncidentWords(brief);
  }

  @Test
  void anIncidentCallStillSpeaksOfASecurityAlert() {
    var incident =
        new AlertBrief(
            "inc-1",
            "acme",
            "Acme Corp",
            "c-1",
            "Ada",
            Severity.CRITICAL,
            "Leaked API keys",
            null,
            null,
            "K7QD");
    assertThat(VoiceScript.prompt(incident, GATHER, false))
        .contains("critical security alert for Acme Corp. Leaked API keys.");
    assertThat(VoiceScript.noAcknowledgment(incident))
        .contains("did not receive an acknowledgment");
  }
}
