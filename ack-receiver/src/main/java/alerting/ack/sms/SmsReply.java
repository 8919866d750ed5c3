package alerting.ack.sms;

import alerting.events.ReplyCodes;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What an SMS reply asks for: "K7QD", "ack k7qd" name a code; "ACK", "yes" ack without one. */
sealed interface SmsReply {
  record Code(String code) implements SmsReply {}

  /** "ACK" or "YES" alone: enough only when the number has exactly one open alert. */
  record BareAck() implements SmsReply {}

  record OptOut() implements SmsReply {}

  record OptIn() implements SmsReply {}

  record Help() implements SmsReply {}

  record Unclear() implements SmsReply {}

  Pattern CODE =
      Pattern.compile("^(?:(?:ACK|YES)\\s*[:\\-]?\\s*)?(" + ReplyCodes.PATTERN.pattern() + ")$");
  Set<String> BARE_ACK = Set.of("ACK", "YES");

  /** The opt-out keywords carriers and Twilio honour (CTIA): they must work in any case. */
  Set<String> OPT_OUT =
      Set.of(
          "STOP",
          "STOPALL",
          "STOP ALL",
          "UNSUBSCRIBE",
          "CANCEL",
          "END",
          "QUIT",
          "OPTOUT",
          "OPT OUT",
          "REVOKE");

  /** Opt back in; Twilio's list also has YES, which here acknowledges instead. */
  Set<String> OPT_IN = Set.of("START", "UNSTOP");

  Set<String> HELP = Set.of("HELP", "INFO");

  static SmsReply parse(String body) {
    if (body == null) {
      return new Unclear();
    }
    var text =
        body.strip()
            .toUpperCase(Locale.ROOT)
            .replaceAll("[.!]+$", "")
            .replaceAll("\\s+", " ")
            .strip();
    if (OPT_OUT.contains(text)) {
      return new OptOut();
    }
    if (HELP.contains(text)) {
      return new Help();
    }
    if (OPT_IN.contains(text)) {
      return new OptIn();
    }
    if (BARE_ACK.contains(text)) {
      return new BareAck();
    }
    var code = CODE.matcher(text);
    return code.matches() ? new Code(code.group(1)) : new Unclear();
  }
}
