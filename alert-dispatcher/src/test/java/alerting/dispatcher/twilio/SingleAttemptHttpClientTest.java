package alerting.dispatcher.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleAttemptHttpClientTest {

  @Test
  void aThrottledRequestComesBackAtOnceInsteadOfBeingRetriedAfterItsRetryAfter() throws Exception {
    var calls = new AtomicInteger();
    var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          var body =
              "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"
                  .getBytes(StandardCharsets.UTF_8);
          // long enough that waiting it out cannot pass for a slow machine's first request (a
          // 1 s Retry-After against a 900 ms bound failed at a load average of 6)
          exchange.getResponseHeaders().add("Retry-After", "30");
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(429, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      var request =
          new Request(
              HttpMethod.POST,
              "http://localhost:"
                  + server.getAddress().getPort()
                  + "/2010-04-01/Accounts/AC1/Messages.json");
      request.setAuth("AC1", "token");

      var started = System.nanoTime();
      var response = new SingleAttemptHttpClient().reliableRequest(request);

      assertThat(response.getStatusCode()).isEqualTo(429);
      assertThat(calls).as("the Apache client's own retry would call twice").hasValue(1);
      assertThat((System.nanoTime() - started) / 1_000_000)
          .as("nor wait out the Retry-After")
          .isLessThan(10_000);
    } finally {
      server.stop(0);
    }
  }
}
