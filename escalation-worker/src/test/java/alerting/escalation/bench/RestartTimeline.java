package alerting.escalation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the restarted worker spent the time to resume on, read from its own log: when the JVM had
 * reached Spring Boot, when the streams client started, when the group handed it its partitions,
 * when the restore was done (RUNNING) and when the first task had read what was on the broker and
 * fired its overdue timers. Each is a moment after the SIGKILL; the differences are the phases
 * (JVM, Spring, join, restore, catch-up). A milestone the log does not show is left out.
 */
record RestartTimeline(Map<String, Duration> afterKill) {
  /** The milestones in the order a restart passes them, each a figure name and a label. */
  static final List<String[]> MILESTONES =
      List.of(
          new String[] {"restart.spring.ms", "JVM started, Spring Boot starting"},
          new String[] {"restart.streams.ms", "Spring context built, streams client started"},
          new String[] {"restart.assigned.ms", "group joined, partitions assigned"},
          new String[] {"restart.running.ms", "changelogs restored, RUNNING"},
          new String[] {"restart.caughtup.ms", "first task caught up (overdue timers may fire)"});

  /**
   * With two workers, what the other one spent the time to resume on, from its log: the group
   * noticing the kill, the killed worker's tasks handed to it (its warm standby copies become
   * active), RUNNING again, and the first task caught up.
   */
  static final List<String[]> TAKEOVER =
      List.of(
          new String[] {"takeover.noticed.ms", "the group noticed the kill and rebalances"},
          new String[] {"takeover.assigned.ms", "the killed worker's tasks assigned"},
          new String[] {"takeover.running.ms", "RUNNING with them"},
          new String[] {"takeover.caughtup.ms", "first task caught up (overdue timers may fire)"});

  private static final Pattern PID = Pattern.compile("Starting \\S+ using .* with PID (\\d+)");

  static RestartTimeline of(Path workerLog, Instant killedAt) throws IOException {
    var lines = Files.readAllLines(workerLog);
    String pid = null;
    for (var line : lines) {
      var m = PID.matcher(line);
      if (m.find() && !timestamp(line).map(killedAt::isAfter).orElse(true)) {
        pid = m.group(1);
      }
    }
    var found = new LinkedHashMap<String, Duration>();
    if (pid == null) {
      return new RestartTimeline(found);
    }
    var ours = " " + pid + " --- ";
    for (var line : lines) {
      if (!line.contains(ours)) {
        continue;
      }
      var milestone = milestone(line);
      if (milestone != null && !found.containsKey(milestone)) {
        timestamp(line).ifPresent(at -> found.put(milestone, Duration.between(killedAt, at)));
      }
    }
    return new RestartTimeline(found);
  }

  /** The surviving worker's milestones after the kill, from its log ({@link #TAKEOVER}). */
  static RestartTimeline takeover(Path survivorLog, Instant killedAt) throws IOException {
    var found = new LinkedHashMap<String, Duration>();
    for (var line : Files.readAllLines(survivorLog)) {
      var at = timestamp(line).filter(t -> t.isAfter(killedAt));
      var milestone = at.isEmpty() ? null : takeoverMilestone(line);
      if (milestone != null && !found.containsKey(milestone)) {
        found.put(milestone, Duration.between(killedAt, at.get()));
      }
    }
    return new RestartTimeline(found);
  }

  private static String takeoverMilestone(String line) {
    if (line.contains("Request joining group due to")
        || line.contains("stream-client") && line.contains("to REBALANCING")) {
      return "takeover.noticed.ms";
    }
    var restart = milestone(line);
    return restart == null
        ? null
        : switch (restart) {
          case "restart.assigned.ms" -> "takeover.assigned.ms";
          case "restart.running.ms" -> "takeover.running.ms";
          case "restart.caughtup.ms" -> "takeover.caughtup.ms";
          default -> null;
        };
  }

  private static String milestone(String line) {
    if (line.contains("Starting EscalationWorkerApplication")) {
      return "restart.spring.ms";
    }
    if (line.contains("stream-client") && line.contains("from CREATED to REBALANCING")) {
      return "restart.streams.ms";
    }
    if (line.contains("stream-thread") && line.contains("to PARTITIONS_ASSIGNED")) {
      return "restart.assigned.ms";
    }
    if (line.contains("stream-client") && line.contains("from REBALANCING to RUNNING")) {
      return "restart.running.ms";
    }
    if (line.contains("firing due timers")) {
      return "restart.caughtup.ms";
    }
    return null;
  }

  /** The log's first field, an ISO instant (Spring Boot's default console format). */
  private static Optional<Instant> timestamp(String line) {
    var space = line.indexOf(' ');
    if (space <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(line.substring(0, space)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Each milestone after the kill and the step to it, in the order they happened (a task can catch
   * up before the others are restored).
   */
  String summary() {
    var out = new StringBuilder();
    long before = 0;
    var labels = new java.util.HashMap<String, String>();
    MILESTONES.forEach(m -> labels.put(m[0], m[1]));
    TAKEOVER.forEach(m -> labels.put(m[0], m[1]));
    var inOrder = afterKill.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList();
    for (var milestone : inOrder) {
      var at = milestone.getValue().toMillis();
      out.append(out.isEmpty() ? "" : " · ")
          .append(labels.get(milestone.getKey()))
          .append(" at ")
          .append(at)
          .append(" ms (+")
          .append(at - before)
          .append(")");
      before = at;
    }
    return out.isEmpty() ? "not in the worker's log" : out.toString();
  }
}
