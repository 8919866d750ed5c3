package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioCapacityTest {
  private static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  private static final String AUTH_TOKEN = "stand-in-auth-token";
  private static final Duration SMS_LATENCY = Duration.ofMillis(150);
  private static final int CONCURRENT = 20;

  private TwilioStandIn twilio;
  private final HttpClient raw =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TwilioRestClient sdk;

  @BeforeEach
  void start() {
    twilio =
        TwilioStandIn.start(
            FreePorts.next(), ACCOUNT_SID, AUTH_TOKEN, "http://localhost:1/twilio/sms");
    sdk =
        new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
            .httpClient(new RedirectingTwilioHttpClient(twilio.baseUrl()))
            .build();
    // the SDK's first request loads its classes; keep that out of the timings and rate windows
    // below
    text("+15550000000");
  }

  @AfterEach
  void stop() {
    twilio.close();
  }

  @Test
  void acceptsEveryRequestAtOnceByDefault() throws Exception {
    int requests = 50;
    Duration took =
        timed(
            () -> {
              for (int i = 0; i < requests; i++) {
                assertThat(rawCreate("Messages").statusCode()).isEqualTo(201);
              }
            });

    // with Nagle's algorithm on, each answer would wait about 40 ms for the client's delayed ACK
    assertThat(took).isLessThan(Duration.ofMillis(20L * requests));
    assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + requests, 0));
  }

  @Test
  void holdsEachTextForItsLatencyWhileConcurrentTextsOverlap() throws Exception {
    twilio.messagesCapacity(ProviderCapacity.latency(SMS_LATENCY));
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENT);
    try {
      long start = System.nanoTime();
      List<Future<Duration>> sends = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        String to = "+1555000%04d".formatted(i + 1);
        sends.add(senders.submit(() -> timed(() -> text(to))));
      }
      List<Duration> each = new ArrayList<>();
      for (Future<Duration> send : sends) {
        each.add(send.get());
      }
      Duration all = Duration.ofNanos(System.nanoTime() - start);

      assertThat(each).allSatisfy(took -> assertThat(took).isGreaterThanOrEqualTo(SMS_LATENCY));
      // one after another they would take 20 × 150 ms = 3 s
      assertThat(all).isLessThan(SMS_LATENCY.multipliedBy(CONCURRENT).dividedBy(3));
      assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + CONCURRENT, 0));
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void answersTwilios429WithRetryAfterPastTheMessageRateAndCountsIt() throws Exception {
    twilio.messagesCapacity(ProviderCapacity.perSecond(3));

    for (int i = 0; i < 3; i++) {
      assertThat(rawCreate("Messages").statusCode()).isEqualTo(201);
    }
    HttpResponse<String> refused = rawCreate("Messages");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(
            seconds -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(1));
    assertThat(refused.body())
        .contains("\"code\":20429", "\"message\":\"Too Many Requests\"", "\"status\":429");
    assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + 3, 1));
    assertThat(twilio.messages()).hasSize(1 + 3);
  }

  @Test
  void reachesTheSdkAsApiException20429WhenItsClientDoesNotRetry() {
    TwilioRestClient singleAttempt =
        new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
            .httpClient(
                new RedirectingTwilioHttpClient(
                    twilio.baseUrl(), HttpClientBuilder.create().disableAutomaticRetries()))
            .build();
    twilio.messagesCapacity(ProviderCapacity.perSecond(1));
    text("+15550001001");

    assertThatThrownBy(() -> text("+15550001002", singleAttempt))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(429);
              assertThat(e.getCode()).isEqualTo(20429);
            });
    assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + 1, 1));
  }

  /**
   * The SDK's default Apache client waits out Retry-After and sends a refused request once more, so
   * a sender using it sees a 429 only when the retry is refused too, and meanwhile its thread is
   * blocked.
   */
  @Test
  void theSdksDefaultClientWaitsOutRetryAfterAndRetriesOnce() {
    twilio.messagesCapacity(ProviderCapacity.perSecond(1));
    text("+15550002001");

    Duration took = timed(() -> text("+15550002002"));

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + 2, 1));
  }

  @Test
  void acceptsTextsAgainOnceTheSecondHasPassed() throws Exception {
    twilio.messagesCapacity(ProviderCapacity.perSecond(1));
    assertThat(rawCreate("Messages").statusCode()).isEqualTo(201);
    assertThat(rawCreate("Messages").statusCode()).isEqualTo(429);

    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> rawCreate("Messages").statusCode() == 201);

    assertThat(twilio.messagesCounts().accepted()).isEqualTo(1 + 2);
  }

  @Test
  void limitsCallsSeparatelyFromTexts() throws Exception {
    twilio.callsCapacity(ProviderCapacity.perSecond(1));

    assertThat(rawCreate("Calls").statusCode()).isEqualTo(201);
    assertThat(rawCreate("Calls").statusCode()).isEqualTo(429);
    assertThat(rawCreate("Messages").statusCode()).isEqualTo(201);
    assertThat(rawCreate("Messages").statusCode()).isEqualTo(201);

    assertThat(twilio.callsCounts()).isEqualTo(new ProviderCounts(1, 1));
    assertThat(twilio.messagesCounts()).isEqualTo(new ProviderCounts(1 + 2, 0));
    assertThat(twilio.calls()).hasSize(1);
  }

  private Message text(String to) {
    return text(to, sdk);
  }

  private static Message text(String to, TwilioRestClient client) {
    return Message.creator(
            new PhoneNumber(to), new PhoneNumber("+15559990000"), "Alert A7: reply A7")
        .create(client);
  }

  /**
   * Without the SDK: its ApiException does not carry the response's headers, and its default client
   * would retry a 429 by itself.
   */
  private HttpResponse<String> rawCreate(String collection)
      throws IOException, InterruptedException {
    String credentials =
        Base64.getEncoder()
            .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    String form =
        "To=%2B15550009999&From=%2B15559990000&Body=raw&Url=http%3A%2F%2Flocalhost%3A1%2Ftwilio%2Fvoice";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    twilio.baseUrl()
                        + "/2010-04-01/Accounts/"
                        + ACCOUNT_SID
                        + "/"
                        + collection
                        + ".json"))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return raw.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Duration timed(ThrowingRunnable action) {
    long start = System.nanoTime();
    try {
      action.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
