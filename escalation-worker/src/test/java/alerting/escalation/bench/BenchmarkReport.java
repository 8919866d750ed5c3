package alerting.escalation.bench;

import alerting.testsupport.RawProducerThroughput;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run's results: a markdown table (printed, and kept in the run directory's {@code results.md})
 * and its figures by name for {@link RunsReport}, which puts the runs together on the benchmarks
 * page.
 */
record BenchmarkReport(
    Map<String, String> options,
    Duration coldStart,
    TimerBenchmark.Steady steady,
    TimerBenchmark.Crash crash,
    BatchResult crashBatch,
    BatchResult steadyAfterRestart,
    RawProducerThroughput raw,
    String loadAfter) {

  String markdown() {
    var s = steady.result();
    var lines = new StringBuilder();
    lines
        .append("### Run: ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\nOptions: ")
        .append(options.isEmpty() ? "defaults" : options)
        .append(". Load average at the end (1/5/15 min): ")
        .append(loadAfter)
        .append(".\n\n")
        .append("| phase | measure | target | result |\n|---|---|---|---|\n");
    row(
        lines,
        "1: steady",
        "timers scheduled (peak pending in the worker)",
        "100,000",
        s.timers() + " (" + steady.pendingPeak() + " pending at peak)");
    row(
        lines,
        "1: steady",
        "alerts opened and scheduled by the load generator in",
        "",
        steady.loadTime().toMillis() + " ms");
    row(
        lines,
        "1: steady",
        "timer lateness, due → fired by the worker",
        "p99 ≤ 250 ms",
        s.fireLateness().toString());
    row(
        lines,
        "1: steady",
        "timer lateness, due → escalation committed and readable",
        "",
        s.visibleLateness().toString());
    counts(lines, "1: steady", s);
    row(
        lines,
        "2: SIGKILL",
        "worker cold start → RUNNING (first start, for scale)",
        "",
        coldStart.toMillis() + " ms");
    row(
        lines,
        "2: SIGKILL",
        "SIGKILL → restarted worker RUNNING",
        "",
        crash.toRunning().toMillis() + " ms");
    row(
        lines,
        "2: SIGKILL",
        "SIGKILL → first escalation of the killed worker's alerts (time to resume; by the other"
            + " worker when there are two)",
        "≤ 5 s",
        crash.toFirstEscalation().toMillis() + " ms");
    row(
        lines,
        "2: SIGKILL",
        "where the time to resume went, from the restarted worker's log (ms after the kill, +"
            + " the step)",
        "",
        crash.timeline().summary());
    if (!crash.takeover().afterKill().isEmpty()) {
      row(
          lines,
          "2: SIGKILL",
          "where it went in the other worker, which took the killed one's tasks over (ms after the"
              + " kill, + the step)",
          "",
          crash.takeover().summary());
    }
    row(
        lines,
        "2: SIGKILL",
        "SIGKILL → that escalation readable",
        "",
        crash.toFirstVisible().toMillis() + " ms");
    row(
        lines,
        "2: SIGKILL",
        "lateness of timers due while the worker was down",
        "",
        crash.dueDuringOutage().fireLateness().toString());
    row(
        lines,
        "2: SIGKILL",
        "lateness of every timer of the batch",
        "",
        crashBatch.fireLateness().toString());
    counts(lines, "2: SIGKILL", crashBatch);
    row(
        lines,
        "2: SIGKILL",
        "phase-1 alerts escalated again after the restart",
        "0",
        Integer.toString(steadyAfterRestart.duplicates() - s.duplicates()));
    if (raw != null) {
      row(
          lines,
          "0: before the worker",
          "raw Kafka producer on this broker ("
              + raw.recordBytes()
              + "-byte records, acks=all, idempotent)",
          "",
          String.format(Locale.ROOT, "%,.0f records/s", raw.perSecond()));
    }
    return lines.toString();
  }

  /**
   * The run's figures by name. Lost, duplicated, fired after the ack and acks read late count both
   * phases, judged at the end of the run (so a phase-1 alert escalated again after the restart is a
   * duplicate).
   */
  Map<String, Object> figures() {
    var s = steady.result();
    var figures = new TreeMap<String, Object>();
    // the docs path is the machine's, not a setting of the run
    var shown = new TreeMap<>(options);
    shown.remove("docs");
    figures.put("options", shown.toString());
    figures.put("timers", s.timers());
    figures.put("pending.peak", steady.pendingPeak());
    figures.put("load.ms", steady.loadTime().toMillis());
    figures.put("steady.fired.p50", s.fireLateness().p50());
    figures.put("steady.fired.p99", s.fireLateness().p99());
    figures.put("steady.fired.max", s.fireLateness().max());
    figures.put("steady.readable.p99", s.visibleLateness().p99());
    figures.put("cold.start.ms", coldStart.toMillis());
    figures.put("crash.running.ms", crash.toRunning().toMillis());
    figures.put("resume.ms", crash.toFirstEscalation().toMillis());
    figures.put("resume.readable.ms", crash.toFirstVisible().toMillis());
    crash.timeline().afterKill().forEach((name, at) -> figures.put(name, at.toMillis()));
    crash.takeover().afterKill().forEach((name, at) -> figures.put(name, at.toMillis()));
    figures.put("outage.fired.p99", crash.dueDuringOutage().fireLateness().p99());
    figures.put("crash.fired.p99", crashBatch.fireLateness().p99());
    figures.put("expected", steadyAfterRestart.expected() + crashBatch.expected());
    figures.put("fired", steadyAfterRestart.fired() + crashBatch.fired());
    figures.put("lost", steadyAfterRestart.lost() + crashBatch.lost());
    figures.put("duplicated", steadyAfterRestart.duplicates() + crashBatch.duplicates());
    figures.put("phase1.again", steadyAfterRestart.duplicates() - s.duplicates());
    figures.put("fired.after.ack", steadyAfterRestart.firedAfterAck() + crashBatch.firedAfterAck());
    figures.put(
        "acks.read.late",
        steadyAfterRestart.ackReadAfterDeadline() + crashBatch.ackReadAfterDeadline());
    figures.put("crash.acks.read.late", crashBatch.ackReadAfterDeadline());
    figures.put(
        "acks.in.time", steadyAfterRestart.acknowledgedInTime() + crashBatch.acknowledgedInTime());
    if (raw != null) {
      figures.put("raw.records.per.second", raw.perSecond());
    }
    return figures;
  }

  private static void counts(StringBuilder lines, String phase, BatchResult result) {
    row(
        lines,
        phase,
        "escalations fired / expected ("
            + result.acknowledgedInTime()
            + " of "
            + result.timers()
            + " acknowledged in time)",
        "equal",
        result.fired() + " / " + result.expected());
    row(
        lines,
        phase,
        "lost / duplicated / fired after the ack was processed",
        "0 / 0 / 0",
        result.lost() + " / " + result.duplicates() + " / " + result.firedAfterAck());
    row(
        lines,
        phase,
        "acks on the broker before their deadline but read after it fired",
        "",
        Integer.toString(result.ackReadAfterDeadline()));
  }

  private static void row(
      StringBuilder lines, String phase, String measure, String target, String result) {
    lines
        .append("| ")
        .append(phase)
        .append(" | ")
        .append(measure)
        .append(" | ")
        .append(target)
        .append(" | ")
        .append(result)
        .append(" |\n");
  }
}
