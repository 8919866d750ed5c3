package alerting.events;

/**
 * What every message about an alert needs to say, carried by the alert's events. For a confirmation
 * {@code incidentId} is the request id; {@code correlation} says which it is.
 */
public record AlertBrief(
    String incidentId,
    String tenantId,
    String tenantName,
    String contactId,
    String contactName,
    Severity severity,
    String title,
    String summary,
    String statusUrl,
    String replyCode,
    Correlation correlation) {
  /** An incident's alert. */
  public AlertBrief(
      String incidentId,
      String tenantId,
      String tenantName,
      String contactId,
      String contactName,
      Severity severity,
      String title,
      String summary,
      String statusUrl,
      String replyCode) {
    this(
        incidentId,
        tenantId,
        tenantName,
        contactId,
        contactName,
        severity,
        title,
        summary,
        statusUrl,
        replyCode,
        Correlation.INCIDENT);
  }

  public AlertBrief {
    Require.text(incidentId, "incidentId");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    Require.present(severity, "severity");
    Require.text(title, "title");
    Require.text(replyCode, "replyCode");
    correlation = correlation == null ? Correlation.INCIDENT : correlation;
  }
}
