package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One alert per (incident, tenant, contact), with the contact's methods as they were then. */
@JsonTypeName("alert-opened.v1")
public record AlertOpened(
    UUID eventId,
    Instant occurredAt,
    String alertId,
    AlertBrief brief,
    List<ContactMethod> methods,
    EscalationPlan plan)
    implements Event {
  public AlertOpened {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(alertId, "alertId");
    Require.present(brief, "brief");
    methods = List.copyOf(Require.notEmpty(methods, "methods"));
    Require.present(plan, "plan");
  }

  @Override
  public String key() {
    return alertId;
  }

  /** The method used by a 1-based attempt: the list is walked in order, round after round. */
  public ContactMethod methodFor(int attempt) {
    return methods.get((Require.positive(attempt, "attempt") - 1) % methods.size());
  }

  public int lastAttempt() {
    return methods.size() * plan.rounds();
  }
}
