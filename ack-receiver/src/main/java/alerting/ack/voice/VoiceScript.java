package alerting.ack.voice;

import alerting.events.AlertBrief;
import alerting.events.SupportAccessChanged.Action;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;

/** What a call says, as TwiML. Spoken text is short: the contact hears it once, maybe twice. */
final class VoiceScript {
  static final int GATHER_SECONDS = 8;

  private VoiceScript() {}

  /**
   * Names the tenant and the incident (or, for a confirmation, who asked what), then waits for one
   * key; Twilio posts what it got to {@code action}.
   */
  static String prompt(AlertBrief brief, String action, boolean repeat) {
    var text = promptText(brief, repeat ? "Again: this" : "This");
    var gather =
        new Gather.Builder()
            .numDigits(1)
            .timeout(GATHER_SECONDS)
            .action(action)
            .method(HttpMethod.POST)
            // no key pressed also goes to the action, which repeats once then hangs up
            .actionOnEmptyResult(true)
            .say(say(text))
            .build();
    return new VoiceResponse.Builder()
        .pause(new Pause.Builder().length(1).build())
        .gather(gather)
        .build()
        .toXml();
  }

  private static String promptText(AlertBrief brief, String intro) {
    if (isConfirmation(brief)) {
      return intro + confirmationPrompt(brief);
    }
    if (isVerification(brief)) {
      return intro
          + " is a test call from the security alerting service, not an incident. "
          + brief.tenantName()
          + " lists you as a security contact and wants to know that this number reaches"
          + " you. To confirm, press 1.";
    }
    return intro
        + " is a "
        + brief.severity().name().toLowerCase(java.util.Locale.ROOT)
        + " security alert for "
        + brief.tenantName()
        + ". "
        + brief.title()
        + ". To acknowledge that you received this alert, press 1.";
  }

  static String acknowledged(AlertBrief brief) {
    if (isConfirmation(brief)) {
      var action = brief.correlation().action();
      return sayAndHangUp(
          "Thank you. Your confirmation is recorded. "
              + (action == Action.DISABLE
                  ? "Now sign the acknowledgment form with the link we sent you by email or text;"
                      + " nothing changes until it is signed. Goodbye."
                  : "Goodbye."));
    }
    if (isVerification(brief)) {
      return sayAndHangUp(
          "Thank you. This number is confirmed as a way to reach you about security alerts for "
              + brief.tenantName()
              + ". Goodbye.");
    }
    return sayAndHangUp(
        "Thank you. The security alert for "
            + brief.tenantName()
            + ", "
            + brief.title()
            + ", is acknowledged. We will not contact you about it again. Goodbye.");
  }

  /** For voicemail: no details a bystander could hear, and no acknowledgment. */
  static String voicemail(AlertBrief brief) {
    if (isConfirmation(brief)) {
      return sayAndHangUp(
          "This is the security alerting service for "
              + tenant(brief)
              + ", about a Customer Support Access request. This is not a security incident."
              + " Please check your email or text messages, or answer when we call again. Goodbye.");
    }
    return sayAndHangUp(
        "This is an urgent security alert for "
            + brief.tenantName()
            + ". Please check your email or text messages and acknowledge it. Goodbye.");
  }

  static String noAcknowledgment(AlertBrief brief) {
    if (isConfirmation(brief)) {
      return sayAndHangUp(
          "We did not receive a confirmation. Nothing changes unless the request is confirmed."
              + " Goodbye.");
    }
    return sayAndHangUp(
        "We did not receive an acknowledgment. We will try to reach you again. Goodbye.");
  }

  static String settled(AlertBrief brief, String how) {
    if (isConfirmation(brief)) {
      return sayAndHangUp(
          "The request to "
              + brief.correlation().supportAccessChange()
              + " for "
              + tenant(brief)
              + (how.equals("acknowledged")
                  ? " is already confirmed."
                  : " is closed: it was settled, cancelled or has expired.")
              + " Nothing more to do. Goodbye.");
    }
    return sayAndHangUp(
        "The security alert for "
            + brief.tenantName()
            + ", "
            + brief.title()
            + ", is "
            + how
            + ". Nothing more to do. Goodbye.");
  }

  static String unknownAlert() {
    return sayAndHangUp("This security alert is no longer available. Goodbye.");
  }

  /**
   * A Customer Support Access confirmation: who asked, what would change, and what to do, never in
   * an incident's words (the contact would be alarmed for nothing, or learn to shrug off alerts).
   */
  private static String confirmationPrompt(AlertBrief brief) {
    var asked =
        " is the security alerting service for "
            + tenant(brief)
            + ". This is not a security incident. "
            + requester(brief)
            + " asked to ";
    var ifYours = " If this request is yours or your team's, press 1 to confirm";
    var ifNot = " If it is not, hang up and tell your administrator.";
    if (action(brief) == Action.DISABLE) {
      return asked
          + "disable Customer Support Access: support staff would no longer be able to"
          + " troubleshoot your tenant or read its logs and contacts."
          + ifYours
          + ", then sign the acknowledgment form with the link we sent you by email or text."
          + ifNot;
    }
    if (action(brief) == Action.ENABLE) {
      return asked
          + "re-enable Customer Support Access: support staff could again troubleshoot your"
          + " tenant and read its logs and contacts."
          + ifYours
          + "."
          + ifNot;
    }
    return asked + "change Customer Support Access." + ifYours + "." + ifNot;
  }

  private static Action action(AlertBrief brief) {
    return brief.correlation().action();
  }

  private static String tenant(AlertBrief brief) {
    return brief.tenantName() == null || brief.tenantName().isBlank()
        ? brief.tenantId()
        : brief.tenantName();
  }

  /** Who asked; records older than the requester's name say only where the request came from. */
  private static String requester(AlertBrief brief) {
    var by = brief.correlation().requestedBy();
    return by == null || by.isBlank() ? "Someone at " + tenant(brief) : by;
  }

  private static boolean isConfirmation(AlertBrief brief) {
    return brief.correlation().confirmationOf().isPresent();
  }

  /** A verification drill's call: a test of the number, which must never sound like an incident. */
  private static boolean isVerification(AlertBrief brief) {
    return brief.correlation().verificationOf().isPresent();
  }

  private static String sayAndHangUp(String text) {
    return new VoiceResponse.Builder()
        .say(say(text))
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  private static Say say(String text) {
    return new Say.Builder(text).build();
  }
}
