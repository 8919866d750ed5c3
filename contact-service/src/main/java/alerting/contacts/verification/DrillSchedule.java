package alerting.contacts.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * When each tenant's scheduled drill falls: once per {@code period} (a quarter unless told), at an
 * offset into the period fixed by a hash of the tenant id, so drills spread evenly over the period
 * and never bunch, not even on the day the schedule is first switched on. A slot is taken only
 * within {@code grace} after it passes: a service down for longer skips that slot rather than
 * sending the missed ones all at once.
 */
public record DrillSchedule(Duration period, Duration grace) {

  public DrillSchedule {
    if (period.isNegative() || period.isZero() || grace.compareTo(period) >= 0) {
      throw new IllegalArgumentException(
          "the drill period must be positive and longer than its grace ("
              + period
              + ", "
              + grace
              + ")");
    }
  }

  /** The tenant's fixed offset into every period. */
  Duration offset(String tenantId) {
    var hash = UUID.nameUUIDFromBytes(tenantId.getBytes(StandardCharsets.UTF_8));
    return Duration.ofMillis(Math.floorMod(hash.getMostSignificantBits(), period.toMillis()));
  }

  /** The tenant's latest slot at or before {@code now}. */
  Instant lastSlot(String tenantId, Instant now) {
    var periodMs = period.toMillis();
    var offsetMs = offset(tenantId).toMillis();
    var k = Math.floorDiv(now.toEpochMilli() - offsetMs, periodMs);
    return Instant.ofEpochMilli(k * periodMs + offsetMs);
  }

  /** The slot to drill now, if one passed within the grace; empty otherwise. */
  Optional<Instant> due(String tenantId, Instant now) {
    var slot = lastSlot(tenantId, now);
    return Duration.between(slot, now).compareTo(grace) < 0 ? Optional.of(slot) : Optional.empty();
  }
}
