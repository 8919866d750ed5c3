package alerting.dispatcher.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The caller is known but may not read this: Spring answers a 403 problem detail saying why. */
public class ForbiddenException extends ErrorResponseException {
  public ForbiddenException(String message) {
    super(HttpStatus.FORBIDDEN);
    setTitle("Forbidden");
    setDetail(message);
  }
}
