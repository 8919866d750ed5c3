package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

/** Which timers a task may fire, given the rounds that confirmed how far it has read. */
class ReadHorizonTest {
  private static final long ASSIGNED = 1_000_000L;
  private static final long LONG_AFTER = ASSIGNED + Duration.ofHours(1).toMillis();
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final TopicPartition ACKS = new TopicPartition("alerts.acks.v1", 3);

  private final List<Duration> took = new ArrayList<>();
  private final ReadHorizon horizon = new ReadHorizon("0_3", 3, ASSIGNED, GRACE, true, took::add);

  @Test
  void firesNothingAfterTheAssignmentUntilARoundFindsNothingUnreadHoweverLongThatTakes() {
    assertThat(horizon.horizon(LONG_AFTER, LONG_AFTER)).isEqualTo(Long.MIN_VALUE);
    assertThat(took).isEmpty();

    horizon.confirm(LONG_AFTER - 50);
    assertThat(horizon.horizon(LONG_AFTER, LONG_AFTER)).isEqualTo(LONG_AFTER - 50);
    assertThat(took).containsExactly(Duration.ofHours(1));
  }

  @Test
  void onceCaughtUpTimersFireOnlyUpToTheStartOfTheLastConfirmedRoundNotTheWallClock() {
    horizon.confirm(ASSIGNED + 100);
    assertThat(horizon.horizon(ASSIGNED + 130, 0)).isEqualTo(ASSIGNED + 100);

    // the worker falls behind: rounds find unread records and confirm nothing for 10 s, so a
    // deadline that passed meanwhile waits for the acks ahead of it to be read
    var behind = ASSIGNED + 10_000;
    assertThat(horizon.horizon(behind, 0)).isEqualTo(ASSIGNED + 100);
    assertThat(horizon.done(behind, 0)).isFalse();

    horizon.confirm(behind - 20);
    assertThat(horizon.horizon(behind, 0)).isEqualTo(behind - 20);
    assertThat(took).hasSize(1);
  }

  @Test
  void anOlderRoundConfirmedLateNeverMovesTheHorizonBack() {
    horizon.confirm(ASSIGNED + 500);
    horizon.confirm(ASSIGNED + 400);

    assertThat(horizon.horizon(ASSIGNED + 600, 0)).isEqualTo(ASSIGNED + 500);
  }

  @Test
  void roundsFailingForLongerThanTheGraceFireAsTimersFallDueUntilTheyWorkAgain() {
    horizon.confirm(ASSIGNED + 100);
    horizon.failed(ASSIGNED + 200, new IllegalStateException("broker unreachable"));

    assertThat(horizon.horizon(ASSIGNED + 200 + GRACE.toMillis() - 1, 0)).isEqualTo(ASSIGNED + 100);
    assertThat(horizon.horizon(ASSIGNED + 200 + GRACE.toMillis(), 0))
        .isEqualTo(ASSIGNED + 200 + GRACE.toMillis());

    horizon.confirm(ASSIGNED + 5_000);
    assertThat(horizon.horizon(ASSIGNED + 5_030, 0)).isEqualTo(ASSIGNED + 5_000);
  }

  @Test
  void aBrokerThatCannotBeAskedFromTheStartFallsBackAfterTheGrace() {
    horizon.failed(ASSIGNED, new IllegalStateException("broker unreachable"));

    assertThat(horizon.horizon(ASSIGNED + 500, 0)).isEqualTo(Long.MIN_VALUE);
    assertThat(horizon.done(ASSIGNED + GRACE.toMillis(), 0)).isTrue();
    assertThat(took).containsExactly(GRACE);
  }

  @Test
  void withoutAProbeARecordSentAfterTheAssignmentOrTheGraceEndsTheWait() {
    var withoutProbe = new ReadHorizon("0_3", 3, ASSIGNED, GRACE, false, took::add);

    assertThat(withoutProbe.done(ASSIGNED + 100, ASSIGNED - 1)).isFalse();
    assertThat(withoutProbe.done(ASSIGNED + 200, ASSIGNED + 50)).isTrue();
    assertThat(withoutProbe.done(ASSIGNED + 300, ASSIGNED + 50)).isTrue();

    var quiet = new ReadHorizon("0_4", 4, ASSIGNED, GRACE, false, took::add);
    assertThat(quiet.done(ASSIGNED + GRACE.toMillis(), ASSIGNED - 1)).isTrue();
  }

  @Test
  void remembersTheHighestOffsetProcessedPerPartitionForTheRounds() {
    horizon.processed(read(ACKS, 40));
    horizon.processed(read(ACKS, 41));

    assertThat(horizon.processedSoFar()).containsEntry(ACKS, 41L).hasSize(1);
  }

  private static RecordMetadata read(TopicPartition partition, long offset) {
    return new RecordMetadata() {
      @Override
      public String topic() {
        return partition.topic();
      }

      @Override
      public int partition() {
        return partition.partition();
      }

      @Override
      public long offset() {
        return offset;
      }
    };
  }
}
