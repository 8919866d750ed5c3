package alerting.events;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The short code a contact texts back to acknowledge. Derived from the alert id so a replayed
 * incident gets the same code; letters and digits that are easy to misread are left out.
 */
public final class ReplyCodes {
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 4;

  /** A reply code in a text: keywords such as STOP or HELP can never be one (no O, no L). */
  public static final Pattern PATTERN = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

  private ReplyCodes() {}

  public static String forAlert(String alertId) {
    var bits = UUID.fromString(alertId).getLeastSignificantBits() & Long.MAX_VALUE;
    var code = new StringBuilder(LENGTH);
    for (var i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt((int) (bits % ALPHABET.length())));
      bits /= ALPHABET.length();
    }
    return code.toString();
  }
}
