package alerting.events;

public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
