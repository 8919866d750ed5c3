package alerting.ack.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Refusals, which Spring answers as RFC 9457 problem details; the details are our own fixed texts,
 * never request input. Throttled callers are told when to come back.
 */
public final class Problems {
  public static final String RETRY_AFTER_SECONDS = "60";

  private Problems() {}

  public static ErrorResponseException forbidden() {
    return of(HttpStatus.FORBIDDEN, "Twilio signature missing or invalid");
  }

  public static ErrorResponseException badRequest(String detail) {
    return of(HttpStatus.BAD_REQUEST, detail);
  }

  public static ErrorResponseException tooManyRequests(String detail) {
    return retryLater(HttpStatus.TOO_MANY_REQUESTS, detail);
  }

  public static ErrorResponseException retryLater(HttpStatus status, String detail) {
    var problem = of(status, detail);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return problem;
  }

  private static ErrorResponseException of(HttpStatus status, String detail) {
    var problem = new ErrorResponseException(status);
    problem.setDetail(detail);
    return problem;
  }
}
