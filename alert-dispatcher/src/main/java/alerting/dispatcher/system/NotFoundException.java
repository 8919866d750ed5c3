package alerting.dispatcher.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Nothing known by that id: Spring answers a 404 problem detail. */
public class NotFoundException extends ErrorResponseException {
  public NotFoundException(String message) {
    super(HttpStatus.NOT_FOUND);
    setTitle("Not found");
    setDetail(message);
  }
}
