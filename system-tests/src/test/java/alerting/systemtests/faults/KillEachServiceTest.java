package alerting.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault harness's short version, in {@code ./mvnw verify}: the real services as processes (two
 * of each, from their exec jars), one broker, a 500-alert incident with contacts acknowledging
 * throughout, and one {@code kill -9} of each service mid-incident. It asserts what must hold on
 * any machine: nothing lost or stuck, every deadline fired, no attempt handed over twice outside
 * the crash window, none never handed over, and no escalation of an alert already acknowledged. How
 * fast things recovered is reported, not asserted: CI machines are shared (the full harness, on a
 * quiet machine, is where the time goals are measured).
 */
class KillEachServiceTest {
  @Test
  void anIncidentRunsToItsEndWithNothingLostWhenEachServiceIsKilledOnceMidIncident()
      throws Exception {
    var settings =
        new FaultHarness.Settings(
            250,
            1,
            // half the full harness's: the alerts nobody acknowledges run through their four
            // attempts in half the time, and a kill still falls mid-incident
            Duration.ofSeconds(10),
            Duration.ofSeconds(300),
            Duration.ofSeconds(20),
            Duration.ZERO,
            Path.of("..").toAbsolutePath().normalize(),
            Path.of("target/fault-harness-short").toAbsolutePath());

    var outcome =
        FaultHarness.runScenarios(List.of(Scenario.KILL_EACH_SERVICE), settings, outcomes -> {})
            .get(0);
    System.out.println(FaultReport.report(List.of(outcome), settings, "(not measured)"));

    var result = outcome.result();
    assertThat(outcome.kills()).as("kills").hasSize(3);
    assertThat(result.opened()).as("alerts opened").isEqualTo(500);
    assertThat(result.lost()).as("lost").isZero();
    assertThat(result.stuck()).as("stuck, not ended").isZero();
    assertThat(result.missedDeadlines()).as("deadlines that never fired").isZero();
    assertThat(result.duplicates() - result.duplicatesInCrashWindow())
        .as("attempts handed over twice outside the crash window")
        .isZero();
    assertThat(result.unsentAttempts())
        .as("attempts of unacknowledged alerts never handed over")
        .isZero();
    assertThat(result.sentReportedTwice()).as("attempts reported SENT twice").isZero();
    assertThat(result.sharedReplyCodes())
        .as("reply codes live for two open alerts of one phone")
        .isZero();
    assertThat(result.sendsAfterAckRequestedAfterAck())
        .as("escalations requested after the alert's ack was recorded")
        .isZero();
  }
}
