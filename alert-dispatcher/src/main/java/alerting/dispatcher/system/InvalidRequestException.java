package alerting.dispatcher.system;

/**
 * A request that can't be honoured as sent; answered as a 400 problem detail with the reason and,
 * where one field or query parameter is at fault, its name (consoles show the message beside it).
 */
public class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String message) {
    super(message);
    this.field = null;
  }

  /** The message reads "{@code field}: {@code problem}", e.g. "size: must be between 1 and 500". */
  public InvalidRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /**
   * The text as given, or a 400 naming the field when it is longer than {@code max} (what the
   * tenant-admin banner keeps, for incident text) or holds a control character or a bidi
   * override; line breaks and tabs only where {@code lineBreaks}.
   */
  public static String checkedText(String value, String field, int max, boolean lineBreaks) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw new InvalidRequestException(field, "must be at most " + max + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      // NUL and other controls break what stores and shows the text; a bidi override disguises it
      if (Character.getType(c) == Character.CONTROL || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        throw new InvalidRequestException(field, "must not contain control or bidi-override characters"
            + " (U+%04X at %d)".formatted((int) c, i));
      }
    }
    return value;
  }

  /** The offending field or parameter, or null when the request as a whole is at fault. */
  public String field() {
    return field;
  }
}
