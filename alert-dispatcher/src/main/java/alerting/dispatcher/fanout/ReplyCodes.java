package alerting.dispatcher.fanout;

import java.util.UUID;

/**
 * The short code a contact texts back to acknowledge. Derived from the alert id so a replayed
 * incident gets the same code; letters and digits that are easy to misread are left out.
 */
final class ReplyCodes {
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 4;

  private ReplyCodes() {}

  static String forAlert(String alertId) {
    var bits = UUID.fromString(alertId).getLeastSignificantBits() & Long.MAX_VALUE;
    var code = new StringBuilder(LENGTH);
    for (var i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt((int) (bits % ALPHABET.length())));
      bits /= ALPHABET.length();
    }
    return code.toString();
  }
}
