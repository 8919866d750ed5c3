package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A verification drill (design.md, "Contact verification"): asks each of a tenant's security
 * contacts to confirm, once on <em>each</em> of their contact methods, that the method reaches
 * them. Not an escalation: every target is an alert of its own with that one method and one
 * attempt, acknowledged through the usual paths (link, SMS reply code, keypress), sent on the
 * lowest lane. Each target's alert id is {@link AlertIds#forVerification}, so the requester knows
 * which alert verifies which method; each alert's brief carries the correlation {@code
 * VERIFICATION} with the drill id. Published on {@code verifications.v1}, keyed by the drill id.
 */
@JsonTypeName("verification-requested.v1")
public record VerificationRequested(
    UUID eventId,
    Instant occurredAt,
    String drillId,
    String tenantId,
    String tenantName,
    Trigger trigger,
    String requestedBy,
    List<Target> targets)
    implements Event {

  /** Who started the drill: a tenant admin, or the tenant's verification schedule. */
  public enum Trigger {
    ADMIN,
    SCHEDULE
  }

  /** One method of one contact to verify. */
  public record Target(String contactId, String contactName, ContactMethod method) {
    public Target {
      Require.text(contactId, "contactId");
      Require.present(method, "method");
    }

    /** The alert that verifies this method in the given drill. */
    public String alertId(String drillId, String tenantId) {
      return AlertIds.forVerification(drillId, tenantId, contactId, method);
    }
  }

  public VerificationRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(drillId, "drillId");
    Require.text(tenantId, "tenantId");
    Require.present(trigger, "trigger");
    targets = List.copyOf(Require.notEmpty(targets, "targets"));
  }

  @Override
  public String key() {
    return drillId;
  }
}
