package alerting.localinfra;

import java.time.Instant;
import java.util.List;

/**
 * A mail the catcher received; {@code text} or {@code html} is null when the mail has no such part.
 * {@code receivedAt} is when it was stored, after any configured latency, just before the server's
 * 250.
 */
public record CaughtMail(
    String from, List<String> to, String subject, String text, String html, Instant receivedAt) {
  public CaughtMail {
    to = List.copyOf(to);
  }
}
