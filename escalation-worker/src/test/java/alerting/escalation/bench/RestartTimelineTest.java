package alerting.escalation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTimelineTest {
  private static final String PREFIX = "  INFO %s --- [escalation-worker] [main] x : ";

  @TempDir Path dir;

  @Test
  void theRestartedProcesssMilestonesAreReadAfterTheKillAndThePredecessorsIgnored()
      throws Exception {
    var log = dir.resolve("worker.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            line(
                "10:00:00.000",
                11,
                "Starting EscalationWorkerApplication using Java 17 with PID 11"),
            line(
                "10:00:02.000",
                11,
                "stream-client [w] State transition from CREATED to REBALANCING"),
            line("10:00:03.000", 11, "Task 0_1: firing due timers 5 ms after assignment (x)"),
            "\tat some.stack.Frame(Frame.java:1)",
            line(
                "10:05:01.200",
                22,
                "Starting EscalationWorkerApplication using Java 17 with PID 22"),
            line(
                "10:05:03.000",
                22,
                "stream-client [w] State transition from CREATED to REBALANCING"),
            line(
                "10:05:03.400",
                22,
                "stream-thread [w-StreamThread-1] State transition from STARTING to"
                    + " PARTITIONS_ASSIGNED"),
            line("10:05:04.100", 22, "Task 0_3: firing due timers 100 ms after assignment (x)"),
            line(
                "10:05:04.500",
                22,
                "stream-client [w] State transition from REBALANCING to RUNNING"),
            line("10:05:04.900", 22, "Task 0_1: firing due timers 900 ms after assignment (x)")));

    var timeline = RestartTimeline.of(log, Instant.parse("2026-12-01T10:05:00Z"));

    assertThat(timeline.afterKill())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "restart.spring.ms", Duration.ofMillis(1200),
                "restart.streams.ms", Duration.ofMillis(3000),
                "restart.assigned.ms", Duration.ofMillis(3400),
                "restart.running.ms", Duration.ofMillis(4500),
                "restart.caughtup.ms", Duration.ofMillis(4100)));
    assertThat(timeline.summary())
        .startsWith("JVM started, Spring Boot starting at 1200 ms (+1200)")
        .contains("group joined, partitions assigned at 3400 ms (+400)")
        .endsWith(
            "first task caught up (overdue timers may fire) at 4100 ms (+700) · changelogs"
                + " restored, RUNNING at 4500 ms (+400)");
  }

  @Test
  void theOtherWorkersTakeoverIsReadFromItsLogAfterTheKillOnly() throws Exception {
    var log = dir.resolve("worker-2.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            line("10:00:01.000", 33, "Request joining group due to: triggered followup rebalance"),
            line("10:00:01.500", 33, "Task 0_1: firing due timers 5 ms after assignment (x)"),
            line("10:05:02.100", 33, "Request joining group due to: group is already rebalancing"),
            line(
                "10:05:02.600",
                33,
                "stream-thread [w-StreamThread-1] State transition from RUNNING to"
                    + " PARTITIONS_ASSIGNED"),
            line(
                "10:05:02.900",
                33,
                "stream-client [w] State transition from REBALANCING to RUNNING"),
            line("10:05:03.700", 33, "Task 0_0: firing due timers 800 ms after assignment (x)")));

    var takeover = RestartTimeline.takeover(log, Instant.parse("2026-12-01T10:05:00Z"));

    assertThat(takeover.afterKill())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "takeover.noticed.ms", Duration.ofMillis(2100),
                "takeover.assigned.ms", Duration.ofMillis(2600),
                "takeover.running.ms", Duration.ofMillis(2900),
                "takeover.caughtup.ms", Duration.ofMillis(3700)));
    assertThat(takeover.summary())
        .startsWith("the group noticed the kill and rebalances at 2100 ms (+2100)")
        .endsWith("first task caught up (overdue timers may fire) at 3700 ms (+800)");
  }

  @Test
  void aLogWithoutTheRestartSaysSo() throws Exception {
    var log = dir.resolve("worker.log");
    Files.writeString(
        log,
        line("10:00:00.000", 11, "Starting EscalationWorkerApplication using Java 17 with PID 11"));

    var timeline = RestartTimeline.of(log, Instant.parse("2026-12-01T10:05:00Z"));

    assertThat(timeline.afterKill()).isEmpty();
    assertThat(timeline.summary()).isEqualTo("not in the worker's log");
  }

  private static String line(String time, int pid, String message) {
    return "2026-12-01T" + time + "Z" + PREFIX.formatted(pid) + message;
  }
}
