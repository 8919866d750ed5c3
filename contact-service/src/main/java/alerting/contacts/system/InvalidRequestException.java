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

  /** The text as given, or a 400 naming the field when it is longer than the store keeps. */
  public static String atMost(int max, String value, String field) {
    if (value != null && value.length() > max) {
      throw new InvalidRequestException(field, "at most " + max + " characters, was " + value.length());
    }
    return value;
  }

  /** The offending input as a JSON path ({@code methods[1].address}), or null when none is to blame. */
  public String field() {
    return field;
  }
}
