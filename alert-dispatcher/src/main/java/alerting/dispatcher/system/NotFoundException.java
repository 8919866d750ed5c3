package alerting.dispatcher.system;

/** Nothing known by that id; answered as a 404 problem detail. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
