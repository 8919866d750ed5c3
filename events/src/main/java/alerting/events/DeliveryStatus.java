package alerting.events;

public enum DeliveryStatus {
  SENT,
  DELIVERED,
  FAILED,
  UNDELIVERED,
  NO_ANSWER,
  BUSY,
  MACHINE_ANSWERED,
  SEEN;

  /** Whether this status means the attempt cannot reach the person, so escalation moves on. */
  public boolean isFailure() {
    return switch (this) {
      case FAILED, UNDELIVERED, NO_ANSWER, BUSY, MACHINE_ANSWERED -> true;
      case SENT, DELIVERED, SEEN -> false;
    };
  }
}
