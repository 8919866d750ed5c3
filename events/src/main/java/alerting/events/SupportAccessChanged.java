package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One step of a tenant's Customer Support Access workflow, on {@code support-access.v1}. {@code
 * allowed} is the tenant's access after this step; {@code notifyEmails}, when not empty, are told
 * of the step by email; {@code requestedBy} (absent on older records) names who asked.
 */
@JsonTypeName("support-access-changed.v1")
public record SupportAccessChanged(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    String requestId,
    Action action,
    Step step,
    boolean allowed,
    Actor actor,
    String detail,
    List<String> notifyEmails,
    String requestedBy)
    implements Event {

  /** A step as first published, before it named who made the request. */
  public SupportAccessChanged(
      UUID eventId,
      Instant occurredAt,
      String tenantId,
      String tenantName,
      String requestId,
      Action action,
      Step step,
      boolean allowed,
      Actor actor,
      String detail,
      List<String> notifyEmails) {
    this(
        eventId,
        occurredAt,
        tenantId,
        tenantName,
        requestId,
        action,
        step,
        allowed,
        actor,
        detail,
        notifyEmails,
        null);
  }

  public enum Action {
    DISABLE,
    ENABLE
  }

  public enum Step {
    REQUESTED,
    CONFIRMED,
    SIGNED,
    DISABLED,
    ENABLED,
    CANCELLED,
    EXPIRED
  }

  public SupportAccessChanged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(requestId, "requestId");
    Require.present(action, "action");
    Require.present(step, "step");
    Require.present(actor, "actor");
    notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
