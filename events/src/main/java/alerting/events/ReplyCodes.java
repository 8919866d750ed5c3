package alerting.events;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The short code a contact texts back to acknowledge. Derived from the alert id so a replayed
 * incident gets the same code; letters and digits that are easy to misread are left out. A
 * dispatcher instance with a number of its own picks only codes of its own <em>space</em> (the
 * first character), so two instances opening alerts for one phone at the same moment, before either
 * has seen the other's, can never give them the same code.
 */
public final class ReplyCodes {
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 4;

  /** A reply code in a text: keywords such as STOP or HELP can never be one (no O, no L). */
  public static final Pattern PATTERN = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

  private ReplyCodes() {}

  /** How many code spaces there are: instances numbered apart modulo this never share a code. */
  public static final int SPACES = ALPHABET.length();

  /** A code from any space: for a dispatcher without a number of its own. */
  public static final int ANY_SPACE = -1;

  public static String forAlert(String alertId) {
    return forAlert(alertId, ANY_SPACE);
  }

  /**
   * The code derived from the alert id in {@code space} (0 … {@link #SPACES} - 1: its first
   * character is the space's; the rest derived), or in any space for {@link #ANY_SPACE}.
   */
  public static String forAlert(String alertId, int space) {
    if (space != ANY_SPACE && (space < 0 || space >= SPACES)) {
      throw new IllegalArgumentException("reply code space " + space + " not in 0.." + SPACES);
    }
    var bits = UUID.fromString(alertId).getLeastSignificantBits() & Long.MAX_VALUE;
    var code = new StringBuilder(LENGTH);
    var i = 0;
    if (space != ANY_SPACE) {
      // the space's character in place of the first derived one: the rest as without a space
      code.append(ALPHABET.charAt(space));
      bits /= ALPHABET.length();
      i = 1;
    }
    for (; i < LENGTH; i++) {
      code.append(ALPHABET.charAt((int) (bits % ALPHABET.length())));
      bits /= ALPHABET.length();
    }
    return code.toString();
  }

  /** The space of a code picked in one ({@code 0 …}): its first character's place. */
  public static int spaceOf(String code) {
    return ALPHABET.indexOf(code.charAt(0));
  }
}
