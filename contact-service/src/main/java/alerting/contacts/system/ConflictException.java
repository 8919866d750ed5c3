package alerting.contacts.system;

/** The request contradicts what is already there (e.g. a role the person holds): a 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
