package alerting.systemtests.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of the ack-receivers that Twilio's webhooks (SMS replies, the voice
 * call's pages and keypresses) go to: one public URL, requests handed to the instances in turn, and
 * to the next one when an instance does not take the connection (a killed process), as a load
 * balancer with passive health checks does. Both ack-receivers have its URL as their {@code
 * alerting.ack.public-base-url}: Twilio signs the exact URL it posts to, and each instance checks
 * the signature against its public URL, not the address it was reached on.
 */
final class WebhookBalancer implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  // below Twilio's 15 s webhook timeout, as a balancer in front of it is configured
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  /** A request answered by instance {@code instance} (1-based) with {@code status}. */
  record Routed(Instant at, int instance, String path, int status) {}

  private final List<Integer> instancePorts;
  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            var thread = new Thread(task, "webhook-balancer");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final AtomicInteger turn = new AtomicInteger();
  final ConcurrentLinkedQueue<Routed> routed = new ConcurrentLinkedQueue<>();

  WebhookBalancer(int port, List<Integer> instancePorts) throws IOException {
    this.instancePorts = instancePorts;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** The public base URL: what Twilio posts to and the ack-receivers believe is theirs. */
  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      var body = exchange.getRequestBody().readAllBytes();
      var first = Math.floorMod(turn.getAndIncrement(), instancePorts.size());
      for (var k = 0; k < instancePorts.size(); k++) {
        var index = (first + k) % instancePorts.size();
        var request =
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + instancePorts.get(index)
                            + exchange.getRequestURI().toString()))
                .timeout(ANSWER_TIMEOUT)
                .method(
                    exchange.getRequestMethod(),
                    body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (var header : List.of("Content-Type", "X-Twilio-Signature", "User-Agent", "Accept")) {
          var value = exchange.getRequestHeaders().getFirst(header);
          if (value != null) {
            request.header(header, value);
          }
        }
        HttpResponse<byte[]> answer;
        try {
          answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException notTaken) {
          // refused or unanswered: the next instance
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        routed.add(
            new Routed(
                Instant.now(), index + 1, exchange.getRequestURI().getPath(), answer.statusCode()));
        answer
            .headers()
            .firstValue("Content-Type")
            .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        exchange.sendResponseHeaders(
            answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
          exchange.getResponseBody().write(answer.body());
        }
        return;
      }
      // no instance took it: what a balancer answers with no healthy backend
      exchange.sendResponseHeaders(502, -1);
    }
  }

  /** The first request answered with 2xx by {@code instance} at or after {@code from}. */
  Instant firstAnsweredBy(int instance, Instant from) {
    return routed.stream()
        .filter(r -> r.instance() == instance && r.status() / 100 == 2 && !r.at().isBefore(from))
        .map(Routed::at)
        .min(Instant::compareTo)
        .orElse(null);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
