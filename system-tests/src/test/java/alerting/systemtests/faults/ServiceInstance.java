package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.testsupport.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of a service as it is deployed: {@code java @<module>/jvm.options -jar
 * <module>/target/<module>-0.1.0-SNAPSHOT-exec.jar --key=value ...}, in a process of its own, which
 * the harness can kill with SIGKILL and start again with the same settings (same instance id, same
 * state directory), as an orchestrator would.
 */
final class ServiceInstance {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String module;
  final int index;
  final int serverPort;
  final int managementPort;
  private final List<String> command;
  private final Path log;
  private ChildJvm process;

  ServiceInstance(
      Path root,
      String module,
      int index,
      int serverPort,
      int managementPort,
      String heap,
      Map<String, String> settings,
      Path log) {
    this.module = module;
    this.index = index;
    this.serverPort = serverPort;
    this.managementPort = managementPort;
    this.log = log;
    var moduleDir = root.resolve(module);
    var jar = moduleDir.resolve("target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the services first (./mvnw -q install -DskipTests)");
    }
    command = new ArrayList<>();
    command.add(ChildJvm.javaExecutable());
    var options = moduleDir.resolve("jvm.options");
    if (Files.exists(options)) {
      command.add("@" + options.toAbsolutePath());
    }
    command.add("-Xmx" + heap);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.add("--server.port=" + serverPort);
    command.add("--management.server.port=" + managementPort);
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
  }

  String name() {
    return module + "-" + index;
  }

  void start() throws IOException {
    process = ChildJvm.start(command, log);
  }

  /** SIGKILL; returns when the process is gone. */
  Instant kill() throws IOException, InterruptedException {
    var at = Instant.now();
    process.killHard();
    return at;
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.stop();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Whether its actuator reports it UP (for the dispatcher: its replayed views are read). */
  boolean healthy() {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + managementPort + "/actuator/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls its health until UP; the moment it was first seen UP. */
  Instant awaitHealthy(Duration timeout) {
    return await(name() + " UP (see " + log + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!isAlive()) {
                throw new IllegalStateException(name() + " exited while starting; see " + log);
              }
              return healthy() ? Instant.now() : null;
            },
            java.util.Objects::nonNull);
  }
}
