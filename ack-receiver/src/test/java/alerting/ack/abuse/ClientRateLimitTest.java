package alerting.ack.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.ack.AckReceiverTestSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest extends AckReceiverTestSupport {

  @Test
  void aClientBeyondItsLinkBudgetIsRefusedWith429BeforeAnythingElseRuns() {
    var before = refusedCount("/ack", "rate-limited-client");

    var answers = IntStream.range(0, 11).mapToObj(i -> get("/ack/k1.guess" + i + ".x", "192.0.2.77")).toList();

    assertThat(answers.subList(0, 10)).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(400));
    assertThat(answers.get(10).statusCode()).isEqualTo(429);
    assertThat(answers.get(10).headers().firstValue("Retry-After")).contains("60");
    assertThat(refusedCount("/ack", "rate-limited-client") - before).isEqualTo(1);
    assertThat(get("/ack/k1.guess.x", "192.0.2.78").statusCode()).as("another client has its own budget")
        .isEqualTo(400);
  }

  @Test
  void routesOfRefusedRequestsAreBoundedSoScannersCannotInflateTheMetric() {
    assertThat(RefusedRequests.route("/ack/k1.abc.def")).isEqualTo("/ack");
    assertThat(RefusedRequests.route("/twilio/sms")).isEqualTo("/twilio/sms");
    assertThat(RefusedRequests.route("/twilio/../etc/passwd")).isEqualTo("/twilio/other");
    assertThat(RefusedRequests.route("/wp-login.php")).isEqualTo("other");
  }
}
