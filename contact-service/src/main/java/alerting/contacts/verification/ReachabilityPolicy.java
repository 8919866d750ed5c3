package alerting.contacts.verification;

import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * When a contact method counts as verified, and when a tenant is at risk (issue #17). Pure: the
 * drills' findings in, verdicts out.
 *
 * <ul>
 *   <li>A method is <b>verified</b> while its last acknowledgment is younger than {@code
 *       staleAfter} (180 days by default) and its last attempt did not fail; otherwise it is
 *       <b>stale</b>, with the reason in words.
 *   <li>A tenant is <b>at risk</b> when no Primary Security contact has a verified method, or when
 *       its verified methods all share one channel: one outage of that channel would reach nobody.
 * </ul>
 */
public final class ReachabilityPolicy {
  private final Duration staleAfter;

  public ReachabilityPolicy(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  /** How the last drill of a method ended. */
  public enum Outcome {
    /** Asked, not answered yet. */
    PENDING,
    ACKNOWLEDGED,
    /** Handed over, never acknowledged. */
    UNANSWERED,
    /** The provider said it did not arrive (bounced, undelivered, machine answered, no answer). */
    FAILED
  }

  /** What the drills found for one method. */
  public record Finding(
      String drillId,
      Instant lastRequestedAt,
      Outcome lastOutcome,
      Instant lastDeliveredAt,
      Instant lastAcknowledgedAt,
      Duration timeToAck,
      String failureReason) {}

  public enum State {
    VERIFIED,
    STALE
  }

  public record MethodVerdict(
      ContactMethod method, State state, String reason, boolean drillPending, Finding finding) {}

  public record ContactVerdict(
      String contactId, String displayName, List<ContactRole> roles, List<MethodVerdict> methods) {
    public boolean verified() {
      return methods.stream().anyMatch(m -> m.state() == State.VERIFIED);
    }
  }

  public record TenantVerdict(List<ContactVerdict> contacts, List<String> risks) {
    public boolean atRisk() {
      return !risks.isEmpty();
    }

    /**
     * Whether a drill has yet to tell: one is under way, or none of the tenant's methods was ever
     * drilled. Its admins are not told they may be unreachable on no evidence (the day drills are
     * switched on, every tenant would be), but a tenant with nothing to drill is not waiting.
     */
    public boolean awaitingDrill() {
      var methods = contacts.stream().flatMap(c -> c.methods().stream()).toList();
      return methods.stream().anyMatch(MethodVerdict::drillPending)
          || (!methods.isEmpty() && methods.stream().allMatch(m -> m.finding() == null));
    }
  }

  public MethodVerdict method(ContactMethod method, Finding finding, Instant now) {
    if (finding == null) {
      return new MethodVerdict(method, State.STALE, "never verified", false, null);
    }
    var pending = finding.lastOutcome() == Outcome.PENDING;
    if (finding.lastOutcome() == Outcome.FAILED) {
      var why = finding.failureReason() == null ? "it failed" : finding.failureReason();
      return new MethodVerdict(method, State.STALE, "last attempt failed: " + why, false, finding);
    }
    var acked = finding.lastAcknowledgedAt();
    if (acked != null && acked.plus(staleAfter).isAfter(now)) {
      return new MethodVerdict(method, State.VERIFIED, "verified", pending, finding);
    }
    String reason;
    if (acked != null) {
      reason = "last acknowledged " + Duration.between(acked, now).toDays() + " days ago";
    } else if (finding.lastOutcome() == Outcome.UNANSWERED) {
      reason = "the last verification was not answered";
    } else {
      reason = "never acknowledged";
    }
    return new MethodVerdict(method, State.STALE, reason, pending, finding);
  }

  /** {@code findings}: by method, for each contact id. */
  public TenantVerdict tenant(
      List<Contact> contacts, Map<String, Map<ContactMethod, Finding>> findings, Instant now) {
    var verdicts = new ArrayList<ContactVerdict>();
    var verifiedChannels = EnumSet.noneOf(Channel.class);
    var securityVerified = false;
    for (var contact : contacts) {
      var byMethod = findings.getOrDefault(contact.contactId(), Map.of());
      var methods = contact.methods().stream().map(m -> method(m, byMethod.get(m), now)).toList();
      var verdict =
          new ContactVerdict(
              contact.contactId(),
              contact.displayName(),
              contact.roles().stream().sorted().toList(),
              methods);
      verdicts.add(verdict);
      methods.stream()
          .filter(m -> m.state() == State.VERIFIED)
          .forEach(m -> verifiedChannels.add(m.method().channel()));
      if (verdict.verified() && contact.roles().contains(ContactRole.PRIMARY_SECURITY)) {
        securityVerified = true;
      }
    }
    var risks = new ArrayList<String>();
    if (!securityVerified) {
      risks.add("no Primary Security contact has a verified contact method");
    }
    if (verifiedChannels.size() < 2) {
      risks.add(
          verifiedChannels.isEmpty()
              ? "no verified contact method at all"
              : "only one verified channel (" + verifiedChannels.iterator().next() + ")");
    }
    return new TenantVerdict(verdicts, risks);
  }
}
