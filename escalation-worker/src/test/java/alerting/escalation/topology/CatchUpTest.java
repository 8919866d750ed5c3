package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;

/** When a task's overdue timers may fire after an assignment, given what it must read first. */
class CatchUpTest {
  private static final long ASSIGNED = 1_000_000L;
  private static final long LONG_AFTER = ASSIGNED + Duration.ofHours(1).toMillis();
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final TopicPartition ACKS = new TopicPartition("alerts.acks.v1", 3);
  private static final TopicPartition ALERTS = new TopicPartition("alerts.v1", 3);

  private final CompletableFuture<Map<TopicPartition, Long>> lastRecords =
      new CompletableFuture<>();

  /** The backlog of each later round, in order; a round asked for beyond them never learns it. */
  private final Deque<CompletableFuture<Map<TopicPartition, Long>>> laterRounds =
      new ArrayDeque<>();

  private final List<Duration> took = new ArrayList<>();
  private final CatchUp catchUp = new CatchUp("0_3", ASSIGNED, GRACE, this::nextRound, took::add);
  private boolean firstAsked;

  private CompletableFuture<Map<TopicPartition, Long>> nextRound() {
    if (!firstAsked) {
      firstAsked = true;
      return lastRecords;
    }
    return laterRounds.isEmpty() ? new CompletableFuture<>() : laterRounds.poll();
  }

  @Test
  void waitsHoweverLongUntilEveryPartitionIsReadUpToItsLastRecord() {
    laterRounds.add(CompletableFuture.completedFuture(Map.of()));
    lastRecords.complete(Map.of(ACKS, 40L, ALERTS, 7L));
    catchUp.processed(read(ALERTS, 7));
    catchUp.processed(read(ACKS, 39));

    assertThat(catchUp.horizon(LONG_AFTER, LONG_AFTER)).isEqualTo(Long.MIN_VALUE);
    catchUp.processed(read(ACKS, 40));
    // round one took an hour: timers due by the assignment may fire, later ones wait a round
    assertThat(catchUp.horizon(LONG_AFTER + 100, LONG_AFTER)).isEqualTo(ASSIGNED);
    assertThat(catchUp.done(LONG_AFTER + 200, LONG_AFTER)).isTrue();
    assertThat(took).containsExactly(Duration.ofHours(1).plusMillis(200));
  }

  @Test
  void anAckSentWhileTheBacklogWasReadIsReadBeforeDeadlinesThatPassedMeanwhileFire() {
    var secondRound = new CompletableFuture<Map<TopicPartition, Long>>();
    laterRounds.add(secondRound);
    lastRecords.complete(Map.of(ACKS, 40L));
    catchUp.processed(read(ACKS, 40));
    var firstRoundRead = ASSIGNED + 10_000;

    assertThat(catchUp.horizon(firstRoundRead, firstRoundRead)).isEqualTo(ASSIGNED);
    // an ack sent 5 s after the assignment, for a deadline 6 s after it, sits at offset 41
    secondRound.complete(Map.of(ACKS, 41L));
    assertThat(catchUp.horizon(firstRoundRead + 50, firstRoundRead)).isEqualTo(ASSIGNED);
    assertThat(catchUp.done(firstRoundRead + 100, firstRoundRead)).isFalse();
    catchUp.processed(read(ACKS, 41));
    assertThat(catchUp.done(firstRoundRead + 150, firstRoundRead)).isTrue();
  }

  @Test
  void roundsGoOnWhileEachTakesLongerThanSettled() {
    var second = new CompletableFuture<Map<TopicPartition, Long>>();
    var third = new CompletableFuture<Map<TopicPartition, Long>>();
    laterRounds.add(second);
    laterRounds.add(third);
    lastRecords.complete(Map.of(ACKS, 40L));
    catchUp.processed(read(ACKS, 40));

    var secondStart = ASSIGNED + 10_000;
    assertThat(catchUp.horizon(secondStart, 0)).isEqualTo(ASSIGNED);
    second.complete(Map.of(ACKS, 60L));
    catchUp.processed(read(ACKS, 60));
    var thirdStart = secondStart + 1_000;
    assertThat(catchUp.horizon(thirdStart, 0)).isEqualTo(secondStart);
    third.complete(Map.of(ACKS, 62L));
    catchUp.processed(read(ACKS, 62));
    assertThat(catchUp.horizon(thirdStart + 100, 0)).isEqualTo(thirdStart + 100);
  }

  @Test
  void aLaterRoundThatCannotLearnTheBacklogFiresRatherThanHoldEveryTimer() {
    laterRounds.add(CompletableFuture.failedFuture(new IllegalStateException("broker gone")));
    lastRecords.complete(Map.of(ACKS, 40L));
    catchUp.processed(read(ACKS, 40));

    assertThat(catchUp.horizon(ASSIGNED + 10_000, 0)).isEqualTo(ASSIGNED);
    assertThat(catchUp.done(ASSIGNED + 10_100, 0)).isTrue();
  }

  @Test
  void waitsForTheBacklogToBeLearnedEvenPastTheGrace() {
    catchUp.processed(read(ACKS, 40));

    assertThat(catchUp.done(LONG_AFTER, LONG_AFTER)).isFalse();
    laterRounds.add(CompletableFuture.completedFuture(Map.of()));
    lastRecords.complete(Map.of(ACKS, 40L));
    assertThat(catchUp.horizon(LONG_AFTER, LONG_AFTER)).isEqualTo(ASSIGNED);
    assertThat(catchUp.done(LONG_AFTER + 100, LONG_AFTER)).isTrue();
  }

  @Test
  void firesAtOnceWhenNothingWasLeftToRead() {
    lastRecords.complete(Map.of());

    assertThat(catchUp.done(ASSIGNED + 100, 0)).isTrue();
  }

  @Test
  void fallsBackToTheGraceWhenTheBacklogCannotBeLearned() {
    lastRecords.completeExceptionally(new IllegalStateException("broker unreachable"));

    assertThat(catchUp.done(ASSIGNED + 500, 0)).isFalse();
    assertThat(catchUp.done(ASSIGNED + GRACE.toMillis(), 0)).isTrue();
  }

  @Test
  void withoutAProbeARecordSentAfterTheAssignmentEndsTheWait() {
    var withoutProbe = new CatchUp("0_3", ASSIGNED, GRACE, null, took::add);

    assertThat(withoutProbe.done(ASSIGNED + 100, ASSIGNED - 1)).isFalse();
    assertThat(withoutProbe.done(ASSIGNED + 200, ASSIGNED + 50)).isTrue();
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
