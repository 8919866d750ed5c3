package alerting.contacts.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Something the caller named does not exist (or is not theirs to see): Spring answers a 404 problem
 * detail.
 */
public class NotFoundException extends ErrorResponseException {
  public NotFoundException(String message) {
    super(HttpStatus.NOT_FOUND);
    setTitle("Not found");
    setDetail(message);
  }
}
