package alerting.contacts.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The request contradicts what is already there (e.g. a role the person holds): a 409 problem
 * detail.
 */
public class ConflictException extends ErrorResponseException {
  public ConflictException(String message) {
    super(HttpStatus.CONFLICT);
    setTitle("Conflict");
    setDetail(message);
  }
}
