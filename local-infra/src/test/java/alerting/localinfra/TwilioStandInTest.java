package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioStandInTest {
  private static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  private static final String AUTH_TOKEN = "stand-in-auth-token";
  private static final String TWIML_OK =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Acknowledged</Message></Response>";

  private HttpServer inboundWebhook;
  private String webhookUrl;
  private TwilioStandIn twilio;

  @BeforeEach
  void start() throws IOException {
    inboundWebhook =
        HttpPages.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhookUrl = "http://localhost:" + inboundWebhook.getAddress().getPort() + "/twilio/sms";
    inboundWebhook.createContext("/twilio/sms", this::verifyLikeProductionWould);
    inboundWebhook.start();
    twilio = TwilioStandIn.start(0, ACCOUNT_SID, AUTH_TOKEN, webhookUrl);
  }

  @AfterEach
  void stop() {
    twilio.close();
    inboundWebhook.stop(0);
  }

  @Test
  void recordsAnSmsSentWithTheTwilioSdk() {
    Message message =
        Message.creator(
                new PhoneNumber("+15550001111"),
                new PhoneNumber("+15559990000"),
                "Alert A7: reply A7")
            .setStatusCallback(URI.create("http://localhost:1/twilio/status"))
            .create(sdkClient(AUTH_TOKEN));

    assertThat(message.getSid()).startsWith("SM").hasSize(34);
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getDateCreated()).isNotNull();
    assertThat(twilio.messages())
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.sid()).isEqualTo(message.getSid());
              assertThat(sms.to()).isEqualTo("+15550001111");
              assertThat(sms.from()).isEqualTo("+15559990000");
              assertThat(sms.body()).isEqualTo("Alert A7: reply A7");
              assertThat(sms.statusCallback()).isEqualTo("http://localhost:1/twilio/status");
              assertThat(sms.receivedAt()).isNotNull();
            });
  }

  @Test
  void recordsACallPlacedWithTheTwilioSdk() {
    Call call =
        Call.creator(
                new PhoneNumber("+15550001111"),
                new PhoneNumber("+15559990000"),
                URI.create("http://localhost:1/twilio/voice"))
            .setStatusCallback(URI.create("http://localhost:1/twilio/status"))
            .setMachineDetection("Enable")
            .create(sdkClient(AUTH_TOKEN));

    assertThat(call.getSid()).startsWith("CA").hasSize(34);
    assertThat(call.getStatus()).isEqualTo(Call.Status.QUEUED);
    assertThat(twilio.calls())
        .singleElement()
        .satisfies(
            placed -> {
              assertThat(placed.sid()).isEqualTo(call.getSid());
              assertThat(placed.to()).isEqualTo("+15550001111");
              assertThat(placed.url()).isEqualTo("http://localhost:1/twilio/voice");
              assertThat(placed.statusCallback()).isEqualTo("http://localhost:1/twilio/status");
              assertThat(placed.machineDetection()).isEqualTo("Enable");
            });
  }

  @Test
  void throttlesTheNextRequestsWithARetryAfterWhenAskedTo() throws Exception {
    twilio.failNext(429, 20429, 1, 2);
    HttpRequest post =
        HttpRequest.newBuilder(
                URI.create(
                    twilio.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "To=%2B14155550100&Body=hi&From=%2B15005550006"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .build();

    HttpResponse<String> throttled =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> next =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(throttled.body()).contains("20429");
    assertThat(next.statusCode())
        .as("only the next one: this one lacks credentials")
        .isEqualTo(401);
    assertThat(next.headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void failsEveryRequestDuringAnOutageWindowAndNoneAfterIt() {
    var creator =
        Message.creator(new PhoneNumber("+15550001111"), new PhoneNumber("+15559990000"), "hi");
    var now = Instant.now();
    twilio.failBetween(now.minusSeconds(1), now.plusSeconds(1), 500, 20500, -1);
    twilio.failBetween(now.plusSeconds(3600), now.plusSeconds(3601), 429, 20429, 1);

    assertThatThrownBy(() -> creator.create(sdkClient(AUTH_TOKEN)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
    assertThatThrownBy(() -> creator.create(sdkClient(AUTH_TOKEN)))
        .as("the whole window, not one request")
        .isInstanceOf(ApiException.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> creator.create(sdkClient(AUTH_TOKEN)) != null);
    assertThat(twilio.messages()).hasSize(1);
  }

  @Test
  void rejectsWrongCredentialsLikeTwilio() {
    var creator =
        Message.creator(new PhoneNumber("+15550001111"), new PhoneNumber("+15559990000"), "hi");

    assertThatThrownBy(() -> creator.create(sdkClient("wrong-token")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getCode()).isEqualTo(20003);
            });
    assertThat(twilio.messages()).isEmpty();
  }

  @Test
  void signsSmsRepliesSoTheSdkValidatorAcceptsThem() {
    WebhookReply reply = twilio.replyToSms("+15550001111", "+15559990000", "A7 ok & thanks");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(TWIML_OK);
  }

  @Test
  void sendsAWrongSignatureWhenAskedTo() {
    WebhookReply reply =
        twilio.replyToSms("+15550001111", "+15559990000", "A7", "bm90IGEgc2lnbmF0dXJl");

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void showsSmsNewestFirstAndRelaysARepliesTypedOnThePage() throws Exception {
    Message.creator(new PhoneNumber("+15550001111"), new PhoneNumber("+15559990000"), "first <b>")
        .create(sdkClient(AUTH_TOKEN));
    Message.creator(new PhoneNumber("+15550002222"), new PhoneNumber("+15559990000"), "second")
        .create(sdkClient(AUTH_TOKEN));
    HttpClient browser = HttpClient.newHttpClient();

    String page =
        browser
            .send(
                HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    HttpResponse<String> replied =
        browser.send(
            HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/reply"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "from=%2B15550001111&to=%2B15559990000&body=A7"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(page.indexOf("second")).isLessThan(page.indexOf("first"));
    assertThat(page).contains("first &lt;b&gt;").doesNotContain("first <b>");
    assertThat(replied.statusCode()).isEqualTo(200);
    assertThat(replied.body())
        .contains("HTTP 200")
        .contains("&lt;Message&gt;Acknowledged&lt;/Message&gt;");
  }

  private TwilioRestClient sdkClient(String authToken) {
    return new TwilioRestClient.Builder(ACCOUNT_SID, authToken)
        .httpClient(new RedirectingTwilioHttpClient(twilio.baseUrl()))
        .build();
  }

  /** Checks the signature the way the ack-receiver does: with the SDK's RequestValidator. */
  private void verifyLikeProductionWould(com.sun.net.httpserver.HttpExchange exchange)
      throws IOException {
    Map<String, String> params = HttpPages.readForm(exchange);
    String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
    boolean valid =
        new RequestValidator(AUTH_TOKEN).validate(webhookUrl, params, signature)
            && ACCOUNT_SID.equals(params.get("AccountSid"))
            && "0".equals(params.get("NumMedia"));
    byte[] body = (valid ? TWIML_OK : "").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(valid ? 200 : 403, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
