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

  /** The offending field or parameter, or null when the request as a whole is at fault. */
  public String field() {
    return field;
  }
}
