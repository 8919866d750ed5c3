package alerting.events;

import java.time.Instant;

/**
 * One attempt in an alert's history: which channel, when it was requested, when its provider
 * accepted it ({@code sentAt}, null while it is queued), its deadline and what came of it. The
 * deadline is the queue limit while the attempt is queued, and the ack timeout from {@code sentAt}
 * once it was handed over. {@code reason} says why the attempt ended without an ack, in words a
 * responder reads (the provider's failure, or that it never left the queue).
 */
public record AttemptRecord(
    int attempt,
    Channel channel,
    Instant requestedAt,
    Instant dueAt,
    DeliveryStatus lastStatus,
    Instant sentAt,
    String reason) {
  public AttemptRecord {
    Require.positive(attempt, "attempt");
    Require.present(channel, "channel");
  }

  /** A queued attempt: not handed to its provider yet. */
  public AttemptRecord(
      int attempt, Channel channel, Instant requestedAt, Instant dueAt, DeliveryStatus lastStatus) {
    this(attempt, channel, requestedAt, dueAt, lastStatus, null, null);
  }

  public AttemptRecord(
      int attempt,
      Channel channel,
      Instant requestedAt,
      Instant dueAt,
      DeliveryStatus lastStatus,
      Instant sentAt) {
    this(attempt, channel, requestedAt, dueAt, lastStatus, sentAt, null);
  }

  public boolean handedOver() {
    return sentAt != null;
  }

  public AttemptRecord withDueAt(Instant newDueAt) {
    return new AttemptRecord(attempt, channel, requestedAt, newDueAt, lastStatus, sentAt, reason);
  }

  public AttemptRecord withStatus(DeliveryStatus status) {
    return new AttemptRecord(attempt, channel, requestedAt, dueAt, status, sentAt, reason);
  }

  public AttemptRecord withReason(String why) {
    return new AttemptRecord(attempt, channel, requestedAt, dueAt, lastStatus, sentAt, why);
  }

  /** Handed over at {@code at}; the new deadline counts from then. */
  public AttemptRecord sent(Instant at, Instant newDueAt) {
    return new AttemptRecord(attempt, channel, requestedAt, newDueAt, lastStatus, at, reason);
  }
}
