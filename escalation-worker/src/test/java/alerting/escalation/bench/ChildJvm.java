package alerting.escalation.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java process started from the benchmark's own classpath, its output in a log file. */
final class ChildJvm {
  private final Process process;
  final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(String heap, String mainClass, List<String> args, Path log)
      throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    var process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ChildJvm(process, log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, spelled out: no shutdown hook, no commit, no leaving the group. */
  void killHard() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start()
        .waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: lets the broker shut down cleanly at the end of the run. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
