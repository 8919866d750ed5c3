package alerting.systemtests.faults;

import alerting.systemtests.faults.FaultHarness.Outcome;
import alerting.systemtests.faults.FaultHarness.Settings;
import alerting.testsupport.BenchmarkDoc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The fault harness's "Latest run" block of docs/reliability.md: a row and a line per scenario. */
final class FaultReport {
  private FaultReport() {}

  static String report(List<Outcome> outcomes, Settings settings, String loadAtStart) {
    var rows = new StringBuilder();
    var details = new StringBuilder();
    for (var o : outcomes) {
      var r = o.result();
      var recovery =
          o.kills().isEmpty()
              ? "–"
              : IntStream.range(0, o.kills().size())
                  .mapToObj(
                      i ->
                          String.format(
                              Locale.ROOT,
                              "%s-%d: UP %s, working %s",
                              o.kills().get(i).service(),
                              o.kills().get(i).instance(),
                              i < o.readySeconds().size()
                                  ? String.format(Locale.ROOT, "%.1f s", o.readySeconds().get(i))
                                  : "?",
                              r.recoverySeconds().get(i) == null
                                  ? "nothing to do"
                                  : String.format(
                                      Locale.ROOT, "%.1f s", r.recoverySeconds().get(i))))
                  .collect(Collectors.joining("; "));
      var faultRecovery =
          o.recoveries().isEmpty()
              ? "–"
              : o.recoveries().stream()
                  .map(x -> x.met() ? x.text() : "**" + x.text() + "**")
                  .collect(Collectors.joining("; "));
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d alerts, %d s ack timeout, %s | %s | %,d | **%d** | **%d** | %d | **%d** (%d > 1 s; %d requested after the ack) | %d late, %d missed (max %.1f s late) | %s | %s | %s | %s |%n",
              o.scenario().id,
              r.expected(),
              settings.ackTimeout().toSeconds(),
              o.brokers() == 1 ? "1 broker" : o.brokers() + " brokers",
              o.scenario().fault(settings),
              r.opened(),
              r.lost() + r.stuck(),
              r.duplicates() - r.duplicatesInCrashWindow(),
              r.duplicatesInCrashWindow(),
              r.sendsAfterAck(),
              r.sendsAfterAckOverOneSecond(),
              r.sendsAfterAckRequestedAfterAck(),
              r.lateDeadlines(),
              r.missedDeadlines(),
              r.maxDeadlineLatenessSeconds(),
              recovery,
              faultRecovery,
              o.contacts() == null ? "–" : o.contacts().cell(),
              o.met() ? "met" : "**not met**"));
      details.append(
          String.format(
              Locale.ROOT,
              "- **%s**: ended %s; %,d hand-overs, %,d escalations; attempts of unacknowledged alerts never handed over: %d (and reported failed, the ladder moving on: %,d); duplicates in the window at an SMTP drop: %d; (alert, attempt) reported SENT twice: %d; reply codes live for two open alerts of one phone: %d; ack requests refused or unanswered and tried again: %,d, given up: %d; run %.0f s from the incident to the last alert ending; load average after: %s.%n",
              o.scenario().id,
              r.finalStatus().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                  .collect(Collectors.joining(", ")),
              r.handOvers(),
              r.escalations(),
              r.unsentAttempts(),
              r.failedAttempts(),
              r.duplicatesAtSmtpDrop(),
              r.sentReportedTwice(),
              r.sharedReplyCodes(),
              o.refusedAcks(),
              o.abandonedAcks(),
              o.runSeconds(),
              o.load()));
      if (o.contacts() != null) {
        details.append(String.format("  %s: %s.%n", o.scenario().id, o.contacts().details()));
      }
    }
    return """
        ### Latest run: %s

        %s, %d cores; %s (restart-single-broker: one broker), each in its own JVM; two
        processes each of alert-dispatcher, escalation-worker and ack-receiver (`java
        @jvm.options -jar`), the SMTP and Twilio stand-ins and the webhooks' load balancer in the
        harness's JVM; %s. %,d tenants × 2 contacts (email, then SMS; every fourth tenant's IT
        contact email, then phone call; two rounds), one CRITICAL incident to all; senders at %d
        emails/s, %d texts/s and %d calls/s. Contacts: 35%% acknowledge the first email's link,
        35%% reply to the first text (or answer the first call and press 1), 15%% the second
        email, 15%% never (their alerts end EXHAUSTED). Load average (1/5/15 min) at the start:
        %s.

        | scenario | load | fault | alerts opened | lost or stuck (goal 0) | duplicated sends outside the crash window (goal 0) | in the crash window | sends after ack (goal 0) | deadlines (goal: none > %d s late) | time to recover (goal ≤ %d s) | broker or provider recovery (goal: broker ≤ %d s, sending ≤ %d s after a provider's return) | contact changes (goal: each on contacts.changes.v1 once, in order; snapshot versions only rising, none twice, the last the latest) | invariants |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|
        %s
        %s
        "UP": from the kill to the restarted process's actuator reporting UP. "working": from the
        kill to the first SENT report (dispatcher) or alert state change (worker) on a partition
        the killed instance owned, or to the first ack either ack-receiver answered once the killed process was gone, or to
        the first contact change either contact-service instance answered after the kill. A
        broker's partitions "working again": from the kill to the first alert state or delivery
        report written after the kill and read back, on every such partition the broker led (the
        slowest of them); "back": to the restarted broker taking clients.
        """
        .formatted(
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            BenchmarkDoc.jvm(),
            Runtime.getRuntime().availableProcessors(),
            describeBrokers(settings.brokers()),
            describeContactService(outcomes),
            settings.tenants(),
            FaultHarness.EMAIL_PER_SECOND,
            FaultHarness.SMS_PER_SECOND,
            FaultHarness.CALLS_PER_SECOND,
            loadAtStart,
            InvariantChecker.GRACE.toSeconds(),
            InvariantChecker.GRACE.toSeconds(),
            FaultHarness.BROKER_GOAL.toSeconds(),
            InvariantChecker.GRACE.toSeconds(),
            rows,
            details);
  }

  private static String describeContactService(List<Outcome> outcomes) {
    var with =
        outcomes.stream().filter(o -> o.contacts() != null).map(o -> o.scenario().id).toList();
    if (with.isEmpty()) {
      return "no contact-service (contacts published straight onto the snapshot topic)";
    }
    var tenants = outcomes.stream().filter(o -> o.contacts() != null).findFirst().orElseThrow();
    return String.format(
        Locale.ROOT,
        "%s: two contact-service processes on one PostgreSQL database, %d more tenants' admins"
            + " changing their contacts through them throughout",
        with.size() == outcomes.size() ? "in every scenario" : "in " + String.join(", ", with),
        tenants.contacts().tenants());
  }

  private static String describeBrokers(int brokers) {
    return brokers == 1
        ? "one Kafka broker"
        : brokers
            + " Kafka brokers (KRaft, each broker and controller; replication factor 3,"
            + " min.insync.replicas 2)";
  }
}
