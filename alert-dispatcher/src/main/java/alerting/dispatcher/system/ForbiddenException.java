package alerting.dispatcher.system;

/** The caller is known but may not read this: a 403 problem detail saying why. */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) {
    super(message);
  }
}
