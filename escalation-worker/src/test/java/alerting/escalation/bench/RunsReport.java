package alerting.escalation.bench;

import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.BenchmarkRuns;
import alerting.testsupport.BenchmarkRuns.Run;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * The runs of the timer benchmark together: each figure's median, lowest and highest, whether each
 * target is met by the median, and every run's own figures with the machine's load around it. This
 * is the block the benchmark rewrites on the benchmarks page.
 */
record RunsReport(Map<String, String> options, List<Run> runs) {
  static final BenchmarkDoc DOC =
      new BenchmarkDoc(
          "escalation-timers",
          "Escalation timers",
          "mvn -q -f escalation-worker/pom.xml test-compile exec:exec@timer-benchmark");

  /** A figure of the summary; a target, if any, is judged on the median. */
  private record Figure(
      String label, String name, String target, DoublePredicate met, String unit) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure(
              "1: timer lateness p99, due → fired by the worker",
              "steady.fired.p99",
              "≤ 250 ms",
              v -> v <= 250,
              " ms"),
          new Figure("1: timer lateness p50, due → fired", "steady.fired.p50", "", null, " ms"),
          new Figure("1: timer lateness max, due → fired", "steady.fired.max", "", null, " ms"),
          new Figure(
              "1: timer lateness p99, due → escalation committed and readable",
              "steady.readable.p99",
              "",
              null,
              " ms"),
          new Figure(
              "2: **SIGKILL → first escalation of the killed worker's alerts (time to resume)**",
              "resume.ms",
              "≤ 5 s",
              v -> v <= 5000,
              " ms"),
          new Figure(
              "2: SIGKILL → that escalation readable", "resume.readable.ms", "", null, " ms"),
          new Figure("2: SIGKILL → restarted worker RUNNING", "crash.running.ms", "", null, " ms"),
          takeover(0),
          takeover(1),
          takeover(2),
          takeover(3),
          restart(0),
          restart(1),
          restart(2),
          restart(3),
          restart(4),
          new Figure(
              "2: lateness p99 of timers due while the worker was down",
              "outage.fired.p99",
              "",
              null,
              " ms"),
          new Figure(
              "worker cold start → RUNNING (first start, for scale)",
              "cold.start.ms",
              "",
              null,
              " ms"),
          new Figure(
              "**acks on the broker before their deadline but read after it fired** (both phases)",
              "acks.read.late",
              "0",
              v -> v == 0,
              ""),
          new Figure("lost (both phases)", "lost", "0", v -> v == 0, ""),
          new Figure(
              "duplicated (both phases; a phase-1 alert escalated again after the restart counts)",
              "duplicated",
              "0",
              v -> v == 0,
              ""),
          new Figure("fired after the ack was processed", "fired.after.ack", "0", v -> v == 0, ""),
          new Figure(
              "raw Kafka producer on the run's broker before the worker started (700-byte records,"
                  + " acks=all, idempotent), records/s",
              "raw.records.per.second",
              "",
              null,
              ""));

  /** Where the time to resume went: a milestone of the restarted worker's log, after the kill. */
  private static Figure restart(int milestone) {
    var named = RestartTimeline.MILESTONES.get(milestone);
    return new Figure(
        "2: restart, after the kill: " + named[1] + " (restarted worker's log)",
        named[0],
        "",
        null,
        " ms");
  }

  /** Where the time to resume went with two workers: a milestone of the other worker's log. */
  private static Figure takeover(int milestone) {
    var named = RestartTimeline.TAKEOVER.get(milestone);
    return new Figure(
        "2: takeover, after the kill: " + named[1] + " (the other worker's log)",
        named[0],
        "",
        null,
        " ms");
  }

  String markdown() {
    var ok = runs.stream().filter(Run::ok).toList();
    var out = new StringBuilder();
    out.append("### Latest run: ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", ")
        .append(runs.size())
        .append(" run(s)\n\n")
        .append("Options: ")
        .append(ok.isEmpty() ? options.toString() : ok.get(0).text("options"))
        .append(". ")
        .append(
            """
            Every run starts a broker, the worker and the load generator afresh, each a JVM of its
            own, in a run directory of its own (`escalation-worker/target/timer-benchmark/run-*`,
            with the run's full table in `results.md`). Each figure is the median of the %d
            run(s) that completed, with the lowest and the highest; the targets are judged on the
            medians. Load average (1/5/15 min) at the start of the first run: %s; at the end of
            the last: %s (each run's below).

            """
                .formatted(
                    ok.size(), runs.get(0).loadAtStart(), runs.get(runs.size() - 1).loadAtEnd()))
        .append("| figure | target | median | min | max | target met by the median |\n")
        .append("|---|---|---|---|---|---|\n");
    var verdicts = new StringBuilder();
    for (var figure : FIGURES) {
      var spread = BenchmarkRuns.spread(runs, figure.name());
      var met = "";
      if (figure.met() != null && spread.runs() > 0) {
        met = figure.met().test(spread.median()) ? "met" : "**not met**";
        verdicts
            .append(verdicts.isEmpty() ? "" : "; ")
            .append(plain(figure.label()))
            .append(" ")
            .append(figure.target())
            .append(": ")
            .append(met);
      }
      out.append("| ")
          .append(figure.label())
          .append(" | ")
          .append(figure.target())
          .append(" | ")
          .append(spread.cells(v -> BenchmarkRuns.whole(v) + figure.unit()))
          .append(" | ")
          .append(met)
          .append(" |\n");
    }
    out.append("\nTargets, on the medians: ").append(verdicts).append(".\n\n");
    out.append(
        "| run | started (UTC) | load average at start → end | p99 fired | resume | acks read late of"
            + " acks in time"
            + " | lost / duplicated / after ack | raw producer records/s | run directory |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    for (var run : runs) {
      if (!run.ok()) {
        out.append(
            "| %d | %s | %s → %s | failed (exit code %d), left out | | | | | |%n"
                .formatted(
                    run.number(),
                    run.startedAt(),
                    run.loadAtStart(),
                    run.loadAtEnd(),
                    run.exitCode()));
        continue;
      }
      out.append(
          "| %d | %s | %s → %s | %s ms | %s ms | %s of %s | %s / %s / %s | %s | `%s` |%n"
              .formatted(
                  run.number(),
                  run.startedAt(),
                  run.loadAtStart(),
                  run.loadAtEnd(),
                  whole(run, "steady.fired.p99"),
                  whole(run, "resume.ms"),
                  whole(run, "acks.read.late"),
                  whole(run, "acks.in.time"),
                  run.text("lost"),
                  run.text("duplicated"),
                  run.text("fired.after.ack"),
                  whole(run, "raw.records.per.second"),
                  run.text("run.dir")));
    }
    return out.toString();
  }

  private static String whole(Run run, String figure) {
    return BenchmarkRuns.whole(run.value(figure));
  }

  /** The label without its markdown emphasis and phase, for the sentence of verdicts. */
  private static String plain(String label) {
    return label.replace("**", "").replaceFirst("^\\d: ", "");
  }
}
