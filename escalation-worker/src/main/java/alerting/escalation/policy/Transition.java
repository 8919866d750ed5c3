package alerting.escalation.policy;

import alerting.events.Event;
import java.util.List;

/**
 * The result of one step of the machine: the state to store (unchanged when {@code changed} is
 * false), the events to publish, and the timers to drop and to set.
 */
public record Transition(
    Escalation next,
    boolean changed,
    Outcome outcome,
    List<Event> published,
    List<Deadline> cancelled,
    List<Deadline> scheduled) {

  public Transition {
    published = List.copyOf(published);
    cancelled = List.copyOf(cancelled);
    scheduled = List.copyOf(scheduled);
  }

  /** What kind of step this was; metrics and logs are keyed by it. */
  public enum Outcome {
    OPENED,
    DEADLINE_SCHEDULED,
    DEADLINE_DEFERRED,
    HANDED_OVER,
    ESCALATED_ON_TIMEOUT,
    ESCALATED_ON_FAILURE,
    ESCALATED_UNSENT,
    EXHAUSTED,
    ACKNOWLEDGED,
    LATE_ACK,
    CLOSED,
    LATE_CLOSURE,
    STATUS_RECORDED,
    STALE_DEADLINE,
    STALE_FAILURE,
    IGNORED;

    /** The step that made the alert terminal: from here on nothing more is sent for it. */
    public boolean endsTheAlert() {
      return this == EXHAUSTED || this == ACKNOWLEDGED || this == CLOSED;
    }
  }

  static Transition unchanged(Escalation current, Outcome outcome) {
    return new Transition(current, false, outcome, List.of(), List.of(), List.of());
  }

  static Transition stored(Escalation next, Outcome outcome) {
    return new Transition(next, true, outcome, List.of(), List.of(), List.of());
  }
}
