package alerting.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process a benchmark or the fault harness started (a broker, a service), its output appended to
 * a log file; killed hard (SIGKILL) to play a crash, or stopped cleanly at the end of a run.
 */
public final class ChildJvm {
  private final Process process;
  public final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A Java main class from the caller's own class path, e.g. the broker. */
  public static ChildJvm java(String heap, String mainClass, List<String> args, Path log)
      throws IOException {
    return java(heap, List.of(), System.getProperty("java.class.path"), mainClass, args, log);
  }

  /** A Java main class with JVM options of its own and a class path of the caller's choosing. */
  public static ChildJvm java(
      String heap,
      List<String> jvmOptions,
      String classPath,
      String mainClass,
      List<String> args,
      Path log)
      throws IOException {
    var command = new ArrayList<String>();
    command.add(javaExecutable());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return start(command, log);
  }

  /** The running JVM's own {@code java}, so children run on the same JDK. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Any command, e.g. {@code java @jvm.options -jar service.jar}; each start is marked in the log.
   */
  public static ChildJvm start(List<String> command, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(
        log,
        "\n==== " + Instant.now() + " " + String.join(" ", command) + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    var process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildJvm(process, log);
  }

  /** Waits for a process that ends by itself, e.g. a training run; its exit code. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("still running after " + seconds + " s; see " + log);
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, spelled out: no shutdown hook, no commit, no leaving the group. */
  public void killHard() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not ended after 30 s. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
