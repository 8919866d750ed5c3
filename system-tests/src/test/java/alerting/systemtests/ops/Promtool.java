package alerting.systemtests.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own tools, from Debian's {@code prometheus} package ({@code .ci/run} installs it
 * when missing): {@code promtool} checks rules and metrics the way Prometheus reads them, and
 * {@code prometheus} evaluates the dashboard's queries.
 */
public final class Promtool {
  private Promtool() {}

  public record Run(int exitCode, String output) {}

  /** The tool on the PATH, or a failure that says how to get it. */
  public static Path find(String tool) {
    for (var dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      var candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        tool
            + " is not on the PATH: install Debian's prometheus package (apt-get install"
            + " prometheus), as .ci/run does");
  }

  /** Runs promtool with {@code args} in {@code dir}, {@code stdin} as its input (or none). */
  public static Run promtool(Path dir, String stdin, String... args)
      throws IOException, InterruptedException {
    var command = new ArrayList<String>(List.of(find("promtool").toString()));
    command.addAll(List.of(args));
    var process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + args[0] + " did not finish in 2 minutes");
    }
    return new Run(process.exitValue(), output);
  }
}
