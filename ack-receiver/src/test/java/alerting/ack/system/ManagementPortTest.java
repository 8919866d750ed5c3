package alerting.ack.system;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.ack.AckReceiverTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * The public edge serves contacts and Twilio only; health and metrics are on a port of their own.
 */
class ManagementPortTest extends AckReceiverTestSupport {

  @Test
  void thePublicPortAnswers404ForActuator() throws Exception {
    for (var path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator"}) {
      assertThat(fetch(PORT, path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void theManagementPortServesHealthAndMetrics() throws Exception {
    var metrics = fetch(MANAGEMENT_PORT, "/actuator/prometheus");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"ack-receiver\"");
    assertThat(fetch(MANAGEMENT_PORT, "/actuator/health").body()).contains("\"status\":\"UP\"");
  }

  @Test
  void readinessWaitsForTheReplayLogAsWellAsTheReplayedViews(
      @Autowired ReplayLog replayLog, @Autowired HealthEndpointGroups groups) {
    // start-up no longer waits for the log; readiness names it, so no traffic arrives before
    // a retried webhook can be told from a new one
    var readiness = groups.get("readiness");

    assertThat(readiness.isMember("replayLog")).isTrue();
    assertThat(readiness.isMember("replayedTopics")).isTrue();
    assertThat(replayLog.isCaughtUp()).isTrue();
    assertThat(new ReplayLogHealthIndicator(replayLog).health().getStatus().getCode())
        .isEqualTo("UP");
  }

  private static HttpResponse<String> fetch(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
