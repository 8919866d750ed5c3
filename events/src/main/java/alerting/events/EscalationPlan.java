package alerting.events;

import java.time.Duration;

/**
 * How long each attempt waits for an ack once its provider has accepted it ({@code ackTimeout}),
 * how long it may wait for that hand-over at most ({@code queueLimit}: past it the channel is out
 * or its backlog beyond reason, and the next method is tried at once), and how many times the
 * method list is walked. Plans written before the queue limit existed read with the default.
 */
public record EscalationPlan(Duration ackTimeout, int rounds, Duration queueLimit) {
  public static final Duration DEFAULT_QUEUE_LIMIT = Duration.ofMinutes(15);

  public EscalationPlan {
    Require.present(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    Require.positive(rounds, "rounds");
    queueLimit = queueLimit == null ? DEFAULT_QUEUE_LIMIT : queueLimit;
    if (queueLimit.isNegative() || queueLimit.isZero()) {
      throw new IllegalArgumentException("queueLimit must be positive");
    }
  }

  public EscalationPlan(Duration ackTimeout, int rounds) {
    this(ackTimeout, rounds, DEFAULT_QUEUE_LIMIT);
  }
}
