package alerting.contacts.system;

/** A request that can't be honoured as sent; answered as a 400 problem detail with the reason. */
public class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
