package alerting.events;

public enum IncidentKind {
  /** Significant security concern: direct channels, acknowledgment required. */
  SECURITY_CONCERN,
  /** Product security recommendation: in-product notice only. */
  PRODUCT_RECOMMENDATION
}
