package alerting.escalation.policy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When one attempt of one alert must have been acknowledged. Timers keep milliseconds, so a
 * deadline does too: the timer that fires must equal the deadline it was made from.
 */
public record Deadline(String alertId, int attempt, Instant dueAt) {
  public Deadline {
    Objects.requireNonNull(alertId, "alertId");
    dueAt = Objects.requireNonNull(dueAt, "dueAt").truncatedTo(ChronoUnit.MILLIS);
  }
}
