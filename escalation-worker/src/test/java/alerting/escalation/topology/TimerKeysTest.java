package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.escalation.policy.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class TimerKeysTest {
  private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

  private static Bytes bytes(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keysSortByDueTimeAsTheStoreComparesThem() {
    var late = TimerKeys.of(new Deadline("a", 1, T.plusMillis(1000)));
    var early = TimerKeys.of(new Deadline("z", 9, T.plusMillis(999)));
    var keys = Arrays.asList(late, early);

    keys.sort(Comparator.comparing(TimerKeysTest::bytes));

    assertThat(keys).containsExactly(early, late);
  }

  @Test
  void dueByBoundIncludesTimersDueAtThatInstantAndNoLater() {
    var now = T.toEpochMilli();
    var due = bytes(TimerKeys.of(new Deadline("ffffffff-ffff", 12, T)));
    var notYet = bytes(TimerKeys.of(new Deadline("00000000-0000", 1, T.plusMillis(1))));
    var bound = bytes(TimerKeys.dueBy(now));

    assertThat(due.compareTo(bound)).isNegative();
    assertThat(notYet.compareTo(bound)).isPositive();
    assertThat(bytes(TimerKeys.first()).compareTo(due)).isNegative();
  }

  @Test
  void parsesTheDeadlineBackFromItsKey() {
    var deadline = new Deadline("4b8e3c1e-2f1a-3c53-9a43-0d7f3a1e2b11", 3, T);

    assertThat(TimerKeys.parse(TimerKeys.of(deadline))).isEqualTo(deadline);
    assertThat(List.of(TimerKeys.of(deadline))).allMatch(key -> key.startsWith("00"));
  }
}
