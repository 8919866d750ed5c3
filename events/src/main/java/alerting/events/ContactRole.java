package alerting.events;

public enum ContactRole {
  PRIMARY_SECURITY,
  CIO_CISO,
  PRIMARY_IT
}
