package alerting.ack.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Refusals as RFC 9457 problem details; the details are our own fixed texts, never request input. */
public final class Problems {
  public static final String RETRY_AFTER_SECONDS = "60";

  private Problems() {}

  public static ResponseEntity<String> forbidden() {
    return of(HttpStatus.FORBIDDEN, "Twilio signature missing or invalid");
  }

  public static ResponseEntity<String> badRequest(String detail) {
    return of(HttpStatus.BAD_REQUEST, detail);
  }

  public static ResponseEntity<String> tooManyRequests(String detail) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(json(HttpStatus.TOO_MANY_REQUESTS, detail));
  }

  public static ResponseEntity<String> of(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(json(status, detail));
  }

  public static String json(HttpStatus status, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }
}
