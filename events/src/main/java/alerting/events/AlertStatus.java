package alerting.events;

public enum AlertStatus {
  OPEN,
  ACKNOWLEDGED,
  EXHAUSTED,
  CLOSED;

  public boolean isTerminal() {
    return this != OPEN;
  }
}
