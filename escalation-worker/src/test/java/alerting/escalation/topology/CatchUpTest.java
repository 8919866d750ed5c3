package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
  private final List<Duration> took = new ArrayList<>();
  private final CatchUp catchUp = new CatchUp("0_3", ASSIGNED, GRACE, lastRecords, took::add);

  @Test
  void waitsHoweverLongUntilEveryPartitionIsReadUpToItsLastRecord() {
    lastRecords.complete(Map.of(ACKS, 40L, ALERTS, 7L));
    catchUp.processed(read(ALERTS, 7));
    catchUp.processed(read(ACKS, 39));

    assertThat(catchUp.done(LONG_AFTER, LONG_AFTER)).isFalse();
    catchUp.processed(read(ACKS, 40));
    assertThat(catchUp.done(LONG_AFTER + 100, LONG_AFTER)).isTrue();
    assertThat(took).containsExactly(Duration.ofHours(1).plusMillis(100));
  }

  @Test
  void waitsForTheBacklogToBeLearnedEvenPastTheGrace() {
    catchUp.processed(read(ACKS, 40));

    assertThat(catchUp.done(LONG_AFTER, LONG_AFTER)).isFalse();
    lastRecords.complete(Map.of(ACKS, 40L));
    assertThat(catchUp.done(LONG_AFTER, LONG_AFTER)).isTrue();
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
