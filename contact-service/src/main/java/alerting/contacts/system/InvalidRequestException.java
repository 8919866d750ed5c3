package alerting.contacts.system;

import alerting.events.PrintableText;

/**
 * A request that can't be honoured as sent; answered as a 400 problem detail with the reason. The
 * field it names (e.g. {@code methods[0].address}) lets a form show the message beside it.
 */
public class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.field = field;
  }

  /**
   * One line of text as given, or a 400 naming the field when it is longer than the store keeps or
   * holds a control character (line breaks included) or a bidi override.
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
      throw new InvalidRequestException(
          field, "at most " + max + " characters, was " + value.length());
    }
    return value;
  }

  /** See {@link PrintableText}: the same rule as incident text in the dispatcher. */
  private static String printable(String value, String field, boolean lineBreaks) {
    var problem = PrintableText.problem(value, lineBreaks);
    if (problem != null) {
      throw new InvalidRequestException(field, problem);
    }
    return value;
  }

  /**
   * The offending input as a JSON path ({@code methods[1].address}), or null when none is to blame.
   */
  public String field() {
    return field;
  }
}
