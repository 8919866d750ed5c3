package alerting.events;

/** What every message about an alert needs to say, carried by the alert's events. */
public record AlertBrief(String incidentId, String tenantId, String tenantName, String contactId,
    String contactName, Severity severity, String title, String summary, String statusUrl,
    String replyCode) {
  public AlertBrief {
    Require.text(incidentId, "incidentId");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    Require.present(severity, "severity");
    Require.text(title, "title");
    Require.text(replyCode, "replyCode");
  }
}
