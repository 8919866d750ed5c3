package alerting.localinfra;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local HTTP endpoint speaking enough of Twilio's REST API for the Twilio Java SDK, recording
 * every SMS and call, and playing the phone side: replies are posted, signed, to the inbound-SMS
 * webhook.
 */
public final class TwilioStandIn implements AutoCloseable {
  private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  /** A benchmark's burst of new connections must not overflow the JDK's default backlog of 50. */
  private static final int CONNECTION_BACKLOG = 1024;

  private static final Pattern GATHER_ACTION =
      Pattern.compile("<Gather[^>]*\\saction=\"([^\"]+)\"");

  private final String accountSid;
  private final String authToken;
  private final String inboundSmsWebhookUrl;
  // not copy-on-write: a benchmark's tens of thousands of texts would copy the whole list on each
  // one
  private final List<SentSms> messages = Collections.synchronizedList(new ArrayList<>());
  private final List<PlacedCall> calls = Collections.synchronizedList(new ArrayList<>());
  private final InjectedFailures failures = new InjectedFailures();
  private final CapacityGate messagesGate = new CapacityGate();
  private final CapacityGate callsGate = new CapacityGate();
  private final HttpClient webhookClient =
      HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          daemon -> {
            Thread thread = new Thread(daemon, "twilio-stand-in");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpServer server;

  private TwilioStandIn(
      int port, String accountSid, String authToken, String inboundSmsWebhookUrl) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.inboundSmsWebhookUrl = inboundSmsWebhookUrl;
    try {
      server =
          HttpPages.server(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECTION_BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the Twilio stand-in on port " + port, e);
    }
    server.createContext(
        "/" + TwilioRestApi.API_VERSION + "/",
        failures.around(
            new TwilioRestApi(
                accountSid, authToken, messages::add, calls::add, messagesGate, callsGate)));
    server.createContext("/", new TwilioPhonePage(this));
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts on {@code port} (0 picks a free one); replies to SMS go to {@code inboundSmsWebhookUrl}.
   */
  public static TwilioStandIn start(
      int port, String accountSid, String authToken, String inboundSmsWebhookUrl) {
    return new TwilioStandIn(port, accountSid, authToken, inboundSmsWebhookUrl);
  }

  /** Where the SDK's requests must go instead of Twilio, e.g. {@code http://localhost:8089}. */
  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  public String accountSid() {
    return accountSid;
  }

  /** SMS received so far, oldest first. */
  public List<SentSms> messages() {
    return List.copyOf(messages);
  }

  /**
   * The next {@code times} API requests (texts or calls) fail as Twilio would: {@code httpStatus}
   * (429, 503, 400 …) with the Twilio error {@code twilioErrorCode} (e.g. 20429, 21211, 21610).
   */
  public void failNext(int httpStatus, int twilioErrorCode, int times) {
    failures.failNext(httpStatus, twilioErrorCode, times);
  }

  /**
   * Like {@link #failNext(int, int, int)}, each failure telling the client to wait {@code
   * retryAfterSeconds} in a {@code Retry-After} header, as Twilio's 429 can.
   */
  public void failNext(int httpStatus, int twilioErrorCode, int times, int retryAfterSeconds) {
    failures.failNext(httpStatus, twilioErrorCode, times, retryAfterSeconds);
  }

  /**
   * Every API request (texts and calls) from {@code from} until {@code until} fails as Twilio would
   * during an outage ({@code 500}, code 20500) or a throttled spell ({@code 429}, 20429, with
   * {@code retryAfterSeconds}; none when negative). Windows may be set ahead of time.
   */
  public void failBetween(
      Instant from, Instant until, int httpStatus, int twilioErrorCode, int retryAfterSeconds) {
    failures.failBetween(from, until, httpStatus, twilioErrorCode, retryAfterSeconds);
  }

  /** Calls received so far, oldest first. */
  public List<PlacedCall> calls() {
    return List.copyOf(calls);
  }

  /**
   * From now on, creating a message takes {@code capacity.latency()} and past {@code
   * capacity.perSecond()} Twilio's 429 (code 20429, with Retry-After) comes back, so a benchmark
   * meets a real provider's limits. Each request waits on its own thread, so concurrent requests
   * overlap as they would at Twilio.
   */
  public void messagesCapacity(ProviderCapacity capacity) {
    messagesGate.capacity(capacity);
  }

  /**
   * Like {@link #messagesCapacity(ProviderCapacity)} for placing calls, which Twilio limits
   * separately.
   */
  public void callsCapacity(ProviderCapacity capacity) {
    callsGate.capacity(capacity);
  }

  /**
   * Messages created and refused for the rate so far; {@link SentSms#receivedAt()} says when each
   * was.
   */
  public ProviderCounts messagesCounts() {
    return messagesGate.counts();
  }

  /** Calls placed and refused for the rate so far. */
  public ProviderCounts callsCounts() {
    return callsGate.counts();
  }

  /**
   * The phone {@code fromNumber} answers an SMS sent from {@code toNumber}, as Twilio would post
   * it.
   */
  public WebhookReply replyToSms(String fromNumber, String toNumber, String body) {
    Map<String, String> params = inboundSmsParams(fromNumber, toNumber, body);
    return postInboundSms(params, TwilioSignature.of(authToken, inboundSmsWebhookUrl, params));
  }

  /** Like {@link #replyToSms(String, String, String)} but with the given, e.g. wrong, signature. */
  public WebhookReply replyToSms(
      String fromNumber, String toNumber, String body, String signature) {
    return postInboundSms(inboundSmsParams(fromNumber, toNumber, body), signature);
  }

  /** Twilio's webhook signature, computed from its published algorithm rather than with the SDK. */
  public static String signatureOf(String authToken, String url, Map<String, String> postParams) {
    return TwilioSignature.of(authToken, url, postParams);
  }

  /**
   * Posts {@code params} to any webhook URL, signed as Twilio signs it with this account's token.
   */
  public WebhookReply postWebhook(String url, Map<String, String> params) {
    return postWebhook(url, params, TwilioSignature.of(authToken, url, params));
  }

  /** Like {@link #postWebhook(String, Map)} with the given, e.g. forged, signature. */
  public WebhookReply postWebhook(String url, Map<String, String> params, String signature) {
    return postForm(url, params, signature);
  }

  /**
   * The called phone picks up: Twilio fetches the call's {@code Url} (with {@code AnsweredBy} when
   * machine detection is on, e.g. human or machine_start) and plays the TwiML it answers.
   */
  public WebhookReply answerCall(PlacedCall call, String answeredBy) {
    Map<String, String> params = callParams(call, "in-progress");
    if (answeredBy != null) {
      params.put("AnsweredBy", answeredBy);
    }
    return postWebhook(call.url(), params);
  }

  /**
   * The person presses {@code digits} (empty: nothing) during the {@code Gather} of {@code
   * playing}.
   */
  public WebhookReply pressDigits(PlacedCall call, WebhookReply playing, String digits) {
    Matcher action = GATHER_ACTION.matcher(playing.body());
    if (!action.find()) {
      throw new IllegalStateException("The call is not waiting for keys: " + playing.body());
    }
    Map<String, String> params = callParams(call, "in-progress");
    params.put("Digits", digits);
    params.put("msg", "Gather End");
    return postWebhook(action.group(1).replace("&amp;", "&"), params);
  }

  /**
   * Twilio reports what became of a call (completed, busy, no-answer, failed) to its
   * StatusCallback.
   */
  public WebhookReply reportCallStatus(PlacedCall call, String callStatus, String answeredBy) {
    Map<String, String> params = callParams(call, callStatus);
    params.put("CallDuration", "completed".equals(callStatus) ? "17" : "0");
    if (answeredBy != null) {
      params.put("AnsweredBy", answeredBy);
    }
    return postWebhook(call.statusCallback(), params);
  }

  /**
   * Twilio reports what became of an SMS (sent, delivered, undelivered, failed) to its
   * StatusCallback.
   */
  public WebhookReply reportMessageStatus(SentSms sms, String messageStatus, String errorCode) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", TwilioRestApi.API_VERSION);
    params.put("From", sms.from() == null ? "" : sms.from());
    params.put("To", sms.to());
    params.put("MessageSid", sms.sid());
    params.put("SmsSid", sms.sid());
    params.put("MessageStatus", messageStatus);
    params.put("SmsStatus", messageStatus);
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    return postWebhook(sms.statusCallback(), params);
  }

  private Map<String, String> callParams(PlacedCall call, String callStatus) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", TwilioRestApi.API_VERSION);
    params.put("CallSid", call.sid());
    params.put("CallStatus", callStatus);
    params.put("Called", call.to());
    params.put("Caller", call.from());
    params.put("Direction", "outbound-api");
    params.put("From", call.from());
    params.put("To", call.to());
    return params;
  }

  private WebhookReply postForm(String url, Map<String, String> params, String signature) {
    String form =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(WEBHOOK_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header("X-Twilio-Signature", signature)
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response =
          webhookClient.send(request, HttpResponse.BodyHandlers.ofString());
      return new WebhookReply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Webhook " + url + " is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting to " + url, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private Map<String, String> inboundSmsParams(String fromNumber, String toNumber, String body) {
    String sid = TwilioRestApi.newSid("SM");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ToCountry", "US");
    params.put("SmsMessageSid", sid);
    params.put("NumMedia", "0");
    params.put("SmsSid", sid);
    params.put("SmsStatus", "received");
    params.put("Body", body);
    params.put("To", toNumber);
    params.put("NumSegments", "1");
    params.put("MessageSid", sid);
    params.put("AccountSid", accountSid);
    params.put("From", fromNumber);
    params.put("ApiVersion", TwilioRestApi.API_VERSION);
    return params;
  }

  private WebhookReply postInboundSms(Map<String, String> params, String signature) {
    return postForm(inboundSmsWebhookUrl, params, signature);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
