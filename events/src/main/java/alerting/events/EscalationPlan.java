package alerting.events;

import java.time.Duration;

/** How long each attempt waits for an ack, and how many times the method list is walked. */
public record EscalationPlan(Duration ackTimeout, int rounds) {
  public EscalationPlan {
    Require.present(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    Require.positive(rounds, "rounds");
  }
}
