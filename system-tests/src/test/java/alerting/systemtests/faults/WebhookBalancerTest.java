package alerting.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.localinfra.FreePorts;
import alerting.localinfra.TwilioStandIn;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookBalancerTest {
  private static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  private static final String AUTH_TOKEN = "balancer-test-token";

  private final List<HttpServer> instances = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> validFor = new ConcurrentLinkedQueue<>();
  private WebhookBalancer balancer;
  private TwilioStandIn twilio;

  @AfterEach
  void stop() {
    if (twilio != null) {
      twilio.close();
    }
    if (balancer != null) {
      balancer.close();
    }
    instances.forEach(i -> i.stop(0));
  }

  @Test
  void handsRepliesToTheInstancesInTurnSignedForItsOwnPublicUrl() throws Exception {
    var ports = List.of(instance("one"), instance("two"));
    balancer = new WebhookBalancer(FreePorts.next(), ports);
    twilio = TwilioStandIn.start(0, ACCOUNT_SID, AUTH_TOKEN, balancer.url() + "/twilio/sms");

    var first = twilio.replyToSms("+15550001111", "+15559990000", "ACK AB12");
    var second = twilio.replyToSms("+15550001111", "+15559990000", "ACK AB12");

    assertThat(List.of(first.body(), second.body())).containsExactlyInAnyOrder("one", "two");
    assertThat(validFor)
        .as("each instance checks the signature against the balancer's URL, its public one")
        .containsExactly("one", "two");
  }

  @Test
  void handsARequestToTheOtherInstanceWhenOneDoesNotTakeTheConnection() throws Exception {
    var up = instance("up");
    var down = FreePorts.next();
    balancer = new WebhookBalancer(FreePorts.next(), List.of(down, up));
    twilio = TwilioStandIn.start(0, ACCOUNT_SID, AUTH_TOKEN, balancer.url() + "/twilio/sms");

    for (var i = 0; i < 4; i++) {
      var reply = twilio.replyToSms("+15550001111", "+15559990000", "ACK AB12");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("up");
    }
    assertThat(balancer.routed).allSatisfy(r -> assertThat(r.instance()).isEqualTo(2));
  }

  /** An ack-receiver stand-in: answers its name, and notes it when the signature holds. */
  private int instance(String name) throws IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          var form = form(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          var publicUrl = balancer.url() + exchange.getRequestURI();
          if (TwilioStandIn.signatureOf(AUTH_TOKEN, publicUrl, form)
              .equals(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"))) {
            validFor.add(name);
          }
          var body = name.getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    instances.add(server);
    return server.getAddress().getPort();
  }

  private static final java.nio.charset.Charset UTF_8 = StandardCharsets.UTF_8;

  private static Map<String, String> form(String body) {
    var form = new LinkedHashMap<String, String>();
    for (var pair : body.split("&")) {
      var eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), UTF_8));
    }
    return form;
  }
}
