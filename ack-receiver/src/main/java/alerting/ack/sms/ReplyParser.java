package alerting.ack.sms;

import alerting.events.ReplyCodes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the reply code out of an SMS reply: "K7QD", "ack k7qd", "ACK: K7QD" all name K7QD. */
final class ReplyParser {
  private static final Pattern REPLY = Pattern.compile(
      "^\\s*(?:ACK\\s*[:\\-]?\\s*)?(" + ReplyCodes.PATTERN.pattern() + ")\\s*[.!]?\\s*$");

  private ReplyParser() {}

  static Optional<String> replyCode(String body) {
    if (body == null) {
      return Optional.empty();
    }
    var matcher = REPLY.matcher(body.toUpperCase(Locale.ROOT));
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
