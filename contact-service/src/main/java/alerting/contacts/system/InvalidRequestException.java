package alerting.contacts.system;

/**
 * A request that can't be honoured as sent; answered as a 400 problem detail with the reason.
 * The field it names (e.g. {@code methods[0].address}) lets a form show the message beside it.
 */
public class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.field = field;
  }

  /**
   * One line of text as given, or a 400 naming the field when it is longer than the store keeps
   * or holds a control character (line breaks included) or a bidi override.
   */
  public static String atMost(int max, String value, String field) {
    return printable(length(max, value, field), field, false);
  }

  /** Free text as given, line breaks and tabs allowed; otherwise as {@link #atMost}. */
  public static String atMostText(int max, String value, String field) {
    return printable(length(max, value, field), field, true);
  }

  private static String length(int max, String value, String field) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(field, "at most " + max + " characters, was " + value.length());
    }
    return value;
  }

  /** NUL and other controls break what stores and shows the text; a bidi override disguises it. */
  private static String printable(String value, String field, boolean lineBreaks) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      if (Character.getType(c) == Character.CONTROL || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        throw new InvalidRequestException(field, "must not contain control or bidi-override characters"
            + " (U+%04X at %d)".formatted((int) c, i));
      }
    }
    return value;
  }

  /** The offending input as a JSON path ({@code methods[1].address}), or null when none is to blame. */
  public String field() {
    return field;
  }
}
