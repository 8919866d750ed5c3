package alerting.dispatcher.twilio;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} of the last Twilio response on this thread. The SDK turns an error
 * response into an exception that keeps the body but not the headers, while the HTTP client sees
 * both; the SDK calls the client on the sending thread, so a thread-local carries the header from
 * one to the other.
 */
final class RetryAfter {
  private static final ThreadLocal<Duration> LAST = new ThreadLocal<>();

  private RetryAfter() {}

  /** Notes the header of a response just received (null or unreadable: none). */
  static void received(String header) {
    var pause = parse(header, Instant.now());
    if (pause == null) {
      LAST.remove();
    } else {
      LAST.set(pause);
    }
  }

  /** The pause the last response on this thread asked for, once; null when it asked for none. */
  static Duration take() {
    var pause = LAST.get();
    LAST.remove();
    return pause;
  }

  /**
   * Seconds ({@code 30}) or an HTTP date ({@code Wed, 21 Oct 2026 07:28:00 GMT}), as RFC 9110
   * allows.
   */
  static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        var at =
            ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
