package alerting.contacts.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DrillScheduleTest {
  final DrillSchedule quarterly = new DrillSchedule(Duration.ofDays(91), Duration.ofDays(1));
  final Instant now = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void tenThousandTenantsSpreadOverTheQuarterWithNoDayCarryingMoreThanTwiceItsShare() {
    var perDay = new HashMap<Long, Integer>();
    IntStream.range(0, 10_000)
        .forEach(t -> perDay.merge(quarterly.offset("tenant-" + t).toDays(), 1, Integer::sum));
    var share = 10_000 / 91.0;
    assertThat(perDay).hasSize(91);
    assertThat(perDay.values()).allSatisfy(n -> assertThat(n).isLessThan((int) (2 * share)));
  }

  @Test
  void aTenantIsDueOnlyWithinTheGraceAfterItsSlotAndTheSlotRecursEachPeriod() {
    var slot = quarterly.lastSlot("acme", now);
    assertThat(slot).isBeforeOrEqualTo(now).isAfter(now.minus(Duration.ofDays(91)));
    assertThat(quarterly.due("acme", slot.plusSeconds(1))).contains(slot);
    assertThat(quarterly.due("acme", slot.plus(Duration.ofHours(23)))).contains(slot);
    assertThat(quarterly.due("acme", slot.plus(Duration.ofDays(2)))).isEmpty();
    assertThat(quarterly.due("acme", slot.minusSeconds(1)))
        .as("just before the slot, the one a period earlier has long passed its grace")
        .isEmpty();
    assertThat(quarterly.lastSlot("acme", slot.plus(Duration.ofDays(91))))
        .isEqualTo(slot.plus(Duration.ofDays(91)));
    assertThat(quarterly.offset("acme")).isEqualTo(quarterly.offset("acme"));
    assertThat(slot.truncatedTo(ChronoUnit.MILLIS)).isEqualTo(slot);
  }

  @Test
  void aGraceAsLongAsThePeriodIsRefused() {
    assertThatThrownBy(() -> new DrillSchedule(Duration.ofDays(1), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than its grace");
  }
}
