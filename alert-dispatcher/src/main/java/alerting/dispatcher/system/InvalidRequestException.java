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
   * tenant-admin banner keeps, for incident text) or holds a control character or a bidi override;
   * line breaks and tabs only where {@code lineBreaks}.
   */
  public static String checkedText(String value, String field, int max, boolean lineBreaks) {
    var problem = alerting.events.IncidentText.problem(value, max, lineBreaks);
    if (problem != null) {
      throw new InvalidRequestException(field, problem);
    }
    return value;
  }

  /** The offending field or parameter, or null when the request as a whole is at fault. */
  public String field() {
    return field;
  }
}
