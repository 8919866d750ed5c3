package alerting.events;

/**
 * What came of one delivery attempt. {@code NOT_SENT} (added after the others, so readers built
 * before it dead-letter it rather than misread it) is the dispatcher declining to send because the
 * alert was already acknowledged or closed: neither a failure to escalate on nor a hand-over.
 */
public enum DeliveryStatus {
  SENT,
  DELIVERED,
  FAILED,
  UNDELIVERED,
  NO_ANSWER,
  BUSY,
  MACHINE_ANSWERED,
  SEEN,
  NOT_SENT;

  /** Whether this status means the attempt cannot reach the person, so escalation moves on. */
  public boolean isFailure() {
    return switch (this) {
      case FAILED, UNDELIVERED, NO_ANSWER, BUSY, MACHINE_ANSWERED -> true;
      case SENT, DELIVERED, SEEN, NOT_SENT -> false;
    };
  }

  /** Whether the provider took the attempt: the hand-over an ack timeout counts from. */
  public boolean wasHandedOver() {
    return switch (this) {
      case SENT, DELIVERED, SEEN -> true;
      case FAILED, UNDELIVERED, NO_ANSWER, BUSY, MACHINE_ANSWERED, NOT_SENT -> false;
    };
  }
}
