package alerting.events;

import java.time.Instant;

/**
 * Proof of who acknowledged and how: the masked phone number or client address, and what they sent
 * (the reply body, the digit pressed, or the browser's user agent).
 */
public record AckEvidence(String from, String detail, Instant receivedAt) {
  public AckEvidence {
    Require.text(from, "from");
    Require.present(receivedAt, "receivedAt");
  }
}
