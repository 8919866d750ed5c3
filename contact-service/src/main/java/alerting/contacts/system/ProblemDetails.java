package alerting.contacts.system;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Spring's RFC 9457 handling, plus what is this service's own: the {@code field} a 400 blames (a
 * form shows the message beside that input: {@code methods[1].address}, {@code roles}).
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    return withField(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()), e.field());
  }

  /** Malformed JSON, or a field of the wrong type: say where, not just "failed to read". */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var cause = e.getMostSpecificCause().getMessage();
    var firstLine = cause == null ? "" : cause.lines().findFirst().orElse("");
    var problem =
        withField(
            problem(
                HttpStatus.BAD_REQUEST,
                "Unreadable request body",
                "the body is not the JSON expected: " + firstLine),
            fieldOf(e));
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  /** Two admins changing the same contact at once: the loser reloads and tries again. */
  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail concurrent(DuplicateKeyException e) {
    return problem(
        HttpStatus.CONFLICT,
        "Conflict",
        "the contact was changed at the same time; reload and try again");
  }

  private static ProblemDetail withField(ProblemDetail problem, String field) {
    if (field != null && !field.isBlank()) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  /**
   * Where in the body Jackson gave up, as the same path our own checks name; null if it can't say.
   */
  private static String fieldOf(Throwable e) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException json) {
        var path = new StringBuilder();
        for (var step : json.getPath()) {
          if (step.getPropertyName() != null) {
            path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
          } else if (step.getIndex() >= 0) {
            path.append('[').append(step.getIndex()).append(']');
          }
        }
        return path.isEmpty() ? null : path.toString();
      }
    }
    return null;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
