package alerting.ack.system;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * When Kafka cannot confirm, the caller hears 503 and tries again (Twilio retries or uses its
 * fallback URL; a person presses the button again), rather than being told "acknowledged".
 */
@RestControllerAdvice
class PublishFailures {
  private static final Logger log = LoggerFactory.getLogger(PublishFailures.class);

  @ExceptionHandler(AckPublisher.PublishFailedException.class)
  ResponseEntity<?> unavailable(AckPublisher.PublishFailedException e, HttpServletRequest request) {
    // the message names the topic only; the path is not logged, an ack link's path holds its token
    log.error("{}; answered 503", e.getMessage(), e.getCause());
    var detail = "We could not record this right now. Please try again in a minute.";
    if (request.getRequestURI().startsWith("/ack/")) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", Problems.RETRY_AFTER_SECONDS)
          .contentType(MediaType.TEXT_HTML)
          .body(
              "<!doctype html><html><head><meta charset=\"utf-8\"><title>Try again</title></head><body>"
                  + "<h1>Try again in a minute</h1><p>"
                  + detail
                  + "</p></body></html>");
    }
    return problem(detail);
  }

  /**
   * A repeat of a webhook another instance is still answering: Twilio's retry will find the answer.
   */
  @ExceptionHandler(ReplayLog.AnswerPending.class)
  ResponseEntity<?> pending(ReplayLog.AnswerPending e) {
    return problem("This request is being answered; try again in a minute.");
  }

  private static ResponseEntity<?> problem(String detail) {
    var problem = Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, detail);
    return new ResponseEntity<>(problem.getBody(), problem.getHeaders(), problem.getStatusCode());
  }
}
