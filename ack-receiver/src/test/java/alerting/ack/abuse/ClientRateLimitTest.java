package alerting.ack.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.ack.AckReceiverTestSupport;
import alerting.localinfra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest extends AckReceiverTestSupport {

  @Test
  void aClientBeyondItsLinkBudgetIsRefusedWith429BeforeAnythingElseRuns() {
    var before = refusedCount("/ack", "rate-limited-client");

    var answers =
        IntStream.range(0, 11)
            .mapToObj(i -> get("/ack/k1.guess" + i + ".x", "192.0.2.77"))
            .toList();

    assertThat(answers.subList(0, 10)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(400));
    assertThat(answers.get(10).statusCode()).isEqualTo(429);
    assertThat(answers.get(10).headers().firstValue("Retry-After")).contains("60");
    assertThat(answers.get(10).headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(answers.get(10).body())
        .contains(
            "\"title\":\"Too Many Requests\"",
            "\"status\":429",
            "\"detail\":\"Too many requests; try again in a minute.\"");
    assertThat(refusedCount("/ack", "rate-limited-client") - before).isEqualTo(1);
    assertThat(get("/ack/k1.guess.x", "192.0.2.78").statusCode())
        .as("another client has its own budget")
        .isEqualTo(400);
  }

  @Test
  void withTheTestsOwnAddressTrustedAsAProxyItsForwardedForNamesTheClient() {
    var spent =
        IntStream.range(0, 11).mapToObj(i -> get("/ack/k1.spent" + i, "198.51.100.7")).toList();

    assertThat(spent.get(10).statusCode()).isEqualTo(429);
    assertThat(get("/ack/k1.fresh", "198.51.100.8").statusCode())
        .as("the forwarded address is the client")
        .isEqualTo(400);
  }

  @Test
  void withNoTrustedProxyRotatingForwardedForDoesNotEscapeTheLimit() {
    var port = FreePorts.next();
    try (var untrusting = startInstance(port, Map.of())) {
      var answers =
          IntStream.range(0, 11)
              .mapToObj(
                  i ->
                      send(
                          HttpRequest.newBuilder(
                                  URI.create("http://localhost:" + port + "/ack/k1.rotating" + i))
                              .header("X-Forwarded-For", "203.0.113." + (i + 1))))
              .toList();

      assertThat(answers.subList(0, 10)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(400));
      assertThat(answers.get(10).statusCode())
          .as("every request is the connection's address, whatever the header says")
          .isEqualTo(429);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void routesOfRefusedRequestsAreBoundedSoScannersCannotInflateTheMetric() {
    assertThat(RefusedRequests.route("/ack/k1.abc.def")).isEqualTo("/ack");
    assertThat(RefusedRequests.route("/twilio/sms")).isEqualTo("/twilio/sms");
    assertThat(RefusedRequests.route("/twilio/../etc/passwd")).isEqualTo("/twilio/other");
    assertThat(RefusedRequests.route("/wp-login.php")).isEqualTo("other");
  }
}
