package alerting.dispatcher.system;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's RFC 9457 handling, plus what is this service's own: a 400 for a rejected request that
 * names the offending field or parameter in a {@code field} property whenever it is known.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {
  /** Event validation says "title is required…", "attempt must be…" or "size: …". */
  private static final Pattern FIELD_PREFIX =
      Pattern.compile("^([A-Za-z][A-Za-z0-9_.]*)(?::| is | must )");

  @ExceptionHandler({
    InvalidRequestException.class,
    IllegalArgumentException.class,
    NullPointerException.class
  })
  ProblemDetail invalid(RuntimeException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    var field = field(e);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  static String field(RuntimeException e) {
    if (e instanceof InvalidRequestException invalid && invalid.field() != null) {
      return invalid.field();
    }
    if (e.getMessage() == null) {
      return null;
    }
    var prefix = FIELD_PREFIX.matcher(e.getMessage());
    return prefix.find() ? prefix.group(1) : null;
  }
}
