package alerting.events;

import java.time.Instant;

/** One attempt in an alert's history: which channel, when, its deadline and what came of it. */
public record AttemptRecord(int attempt, Channel channel, Instant requestedAt, Instant dueAt,
    DeliveryStatus lastStatus) {
  public AttemptRecord {
    Require.positive(attempt, "attempt");
    Require.present(channel, "channel");
  }

  public AttemptRecord withDueAt(Instant newDueAt) {
    return new AttemptRecord(attempt, channel, requestedAt, newDueAt, lastStatus);
  }

  public AttemptRecord withStatus(DeliveryStatus status) {
    return new AttemptRecord(attempt, channel, requestedAt, dueAt, status);
  }
}
