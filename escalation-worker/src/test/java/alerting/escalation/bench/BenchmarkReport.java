package alerting.escalation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The benchmark's results as markdown, kept in its own marked block of the benchmarks page. */
record BenchmarkReport(
    Map<String, String> options,
    Duration coldStart,
    TimerBenchmark.Steady steady,
    TimerBenchmark.Crash crash,
    BatchResult crashBatch,
    BatchResult steadyAfterRestart,
    String loadAfter) {

  static final String SECTION = "## Escalation timers";
  static final String START = "<!-- escalation-timers:latest-run:start -->";
  static final String END = "<!-- escalation-timers:latest-run:end -->";

  String markdown() {
    var s = steady.result();
    var lines = new StringBuilder();
    lines
        .append("### Latest run: ")
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
        "SIGKILL → first escalation fired by the restarted worker " + "(time to resume)",
        "≤ 5 s",
        crash.toFirstEscalation().toMillis() + " ms");
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
    return lines.toString();
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

  /** Replaces only the marked block inside this benchmark's section, creating either if absent. */
  void writeSection(Path docs) throws IOException {
    var block = START + "\n" + markdown() + END;
    var text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n";
    if (text.contains(START) && text.contains(END)) {
      text =
          text.substring(0, text.indexOf(START))
              + block
              + text.substring(text.indexOf(END) + END.length());
    } else if (text.contains(SECTION + "\n")) {
      var at = text.indexOf(SECTION + "\n") + SECTION.length() + 1;
      text = text.substring(0, at) + "\n" + block + "\n" + text.substring(at);
    } else {
      text = text.stripTrailing() + "\n\n" + SECTION + "\n\n" + block + "\n";
    }
    Files.createDirectories(docs.toAbsolutePath().getParent());
    Files.writeString(docs, text);
  }
}
