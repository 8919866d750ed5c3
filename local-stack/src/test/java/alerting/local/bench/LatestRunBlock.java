package alerting.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This benchmark's latest-run block in docs/benchmarks.md (or {@code -Dalerting.benchmarks.file}),
 * between the same {@code <!-- marker:latest-run:start/end -->} comments the dispatcher's and the
 * worker's benchmarks use, so what is written by hand around it stays. alert-dispatcher's writer
 * is in its test classes, which this module cannot see.
 */
record LatestRunBlock(String marker, String heading, String command) {

  void write(String body) throws IOException {
    var file = Path.of(System.getProperty("alerting.benchmarks.file", "../docs/benchmarks.md"));
    var begin = "<!-- " + marker + ":latest-run:start -->";
    var end = "<!-- " + marker + ":latest-run:end -->";
    var block = begin + "\n" + body.stripTrailing() + "\n" + end;
    var existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    var from = existing.indexOf(begin);
    var to = existing.indexOf(end);
    var updated = from >= 0 && to > from
        ? existing.substring(0, from) + block + existing.substring(to + end.length())
        : existing.stripTrailing() + "\n\n## " + heading + "\n\n```sh\n" + command + "\n```\n\n" + block + "\n";
    Files.writeString(file, updated);
    System.out.println("written to " + file.toAbsolutePath());
  }

  static String loadAverage() {
    try {
      var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static String jvm() {
    var options = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xmx") || a.startsWith("-Xms")).toList();
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + (options.isEmpty() ? " (default JVM options)" : " (JVM options " + String.join(" ", options) + ")");
  }
}
