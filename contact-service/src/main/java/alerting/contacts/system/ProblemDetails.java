package alerting.contacts.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/** Maps the service's rejections onto RFC 9457 problem details with a readable message. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetails {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    return withField(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()), e.field());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  /** Malformed JSON, or a field of the wrong type: say where, not just "failed to read". */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    var cause = e.getMostSpecificCause().getMessage();
    var firstLine = cause == null ? "" : cause.lines().findFirst().orElse("");
    return withField(problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
        "the body is not the JSON expected: " + firstLine), fieldOf(e));
  }

  /** Two admins changing the same contact at once: the loser reloads and tries again. */
  @ExceptionHandler(DuplicateKeyException.class)
  ProblemDetail concurrent(DuplicateKeyException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", "the contact was changed at the same time; reload and try again");
  }

  /** A form shows the message beside this input: {@code methods[1].address}, {@code roles}. */
  private static ProblemDetail withField(ProblemDetail problem, String field) {
    if (field != null && !field.isBlank()) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  /** Where in the body Jackson gave up, as the same path our own checks name; null if it can't say. */
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

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
