package alerting.events;

/**
 * The one rule for text people type that others will read: no control characters (NUL and the like
 * break what stores and shows the text) and no bidi overrides (they disguise it, e.g. a file name
 * that reads backwards); line breaks and tabs only where a field allows them.
 */
public final class PrintableText {
  private PrintableText() {}

  /**
   * What is wrong with {@code value}, naming the first offending character and where; null when
   * nothing is.
   */
  public static String problem(String value, boolean lineBreaks) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      if (Character.getType(c) == Character.CONTROL
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        return "must not contain control or bidi-override characters (U+%04X at %d)"
            .formatted((int) c, i);
      }
    }
    return null;
  }
}
