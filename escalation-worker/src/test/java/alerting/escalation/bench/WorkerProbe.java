package alerting.escalation.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the worker's streams state and meters over its actuator endpoints. */
final class WorkerProbe {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final String base;

  WorkerProbe(int port) {
    this.base = "http://localhost:" + port + "/actuator/";
  }

  /** The streams client state, e.g. RUNNING; empty while the worker does not answer. */
  Optional<String> streamsState() {
    return get("health")
        .flatMap(
            body -> {
              var at = body.indexOf("\"state\":\"");
              return at < 0
                  ? Optional.empty()
                  : Optional.of(body.substring(at + 9, body.indexOf('"', at + 9)));
            });
  }

  boolean running() {
    return streamsState().filter("RUNNING"::equals).isPresent();
  }

  /** The first sample of a Prometheus meter whose line starts with {@code prefix}. */
  OptionalDouble meter(String prefix) {
    return get("prometheus")
        .map(
            body ->
                body.lines()
                    .filter(line -> line.startsWith(prefix))
                    .mapToDouble(
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst())
        .orElse(OptionalDouble.empty());
  }

  private Optional<String> get(String path) {
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Optional.of(response.body());
    } catch (IOException notUpYet) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
