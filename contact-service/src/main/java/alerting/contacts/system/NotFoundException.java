package alerting.contacts.system;

/** Something the caller named does not exist (or is not theirs to see): a 404 problem detail. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
