package alerting.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's section of docs/benchmarks.md (or {@code -Dalerting.benchmarks.file}): each run
 * rewrites its own marked latest-run block, and what is written by hand around it stays. Every
 * module's benchmarks write through this one.
 */
public record BenchmarkDoc(String marker, String heading, String command) {

  public String begin() {
    return "<!-- " + marker + ":latest-run:start -->";
  }

  public String end() {
    return "<!-- " + marker + ":latest-run:end -->";
  }

  /** Puts {@code body} between the markers; without them, writes the whole section afresh. */
  public void write(String body) throws IOException {
    write(Path.of(System.getProperty("alerting.benchmarks.file", "docs/benchmarks.md")), body);
  }

  /** The same, in {@code file}. */
  public void write(Path file, String body) throws IOException {
    var block = begin() + "\n" + body.stripTrailing() + "\n" + end();
    var existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    var from = existing.indexOf(begin());
    var to = existing.indexOf(end());
    String updated;
    if (from >= 0 && to > from) {
      updated = existing.substring(0, from) + block + existing.substring(to + end().length());
    } else {
      var section =
          """
          ## %s

          ```sh
          %s
          ```

          %s
          """
              .formatted(heading, command, block);
      var start = existing.indexOf("## " + heading);
      if (start < 0) {
        updated = existing.stripTrailing() + "\n\n" + section;
      } else {
        var next = existing.indexOf("\n## ", start + 3);
        updated =
            existing.substring(0, start)
                + section
                + (next < 0 ? "" : "\n" + existing.substring(next + 1));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, updated);
    System.out.println("written to " + file.toAbsolutePath());
  }

  /** The JVM this run was in, with the options that matter for the figures. */
  public static String jvm() {
    var options =
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-XX:") || a.startsWith("-Xmx") || a.startsWith("-Xms"))
            .toList();
    return System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.version")
        + (options.isEmpty()
            ? " (default JVM options)"
            : " (JVM options " + String.join(" ", options) + ")");
  }

  public static String loadAverage() {
    try {
      var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
