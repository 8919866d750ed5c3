package alerting.ack.voice;

import alerting.events.AlertBrief;
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
   * Names the tenant and the incident, then waits for one key; Twilio posts what it got to {@code
   * action}.
   */
  static String prompt(AlertBrief brief, String action, boolean repeat) {
    var intro = repeat ? "Again: this" : "This";
    var text =
        isVerification(brief)
            ? intro
                + " is a test call from the security alerting service, not an incident. "
                + brief.tenantName()
                + " lists you as a security contact and wants to know that this number reaches"
                + " you. To confirm, press 1."
            : intro
                + " is a "
                + brief.severity().name().toLowerCase(java.util.Locale.ROOT)
                + " security alert for "
                + brief.tenantName()
                + ". "
                + brief.title()
                + ". To acknowledge that you received this alert, press 1.";
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

  static String acknowledged(AlertBrief brief) {
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
    return sayAndHangUp(
        "This is an urgent security alert for "
            + brief.tenantName()
            + ". Please check your email or text messages and acknowledge it. Goodbye.");
  }

  static String noAcknowledgment() {
    return sayAndHangUp(
        "We did not receive an acknowledgment. We will try to reach you again. Goodbye.");
  }

  static String settled(AlertBrief brief, String how) {
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
