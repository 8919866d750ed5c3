package alerting.testkit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A local HTTP endpoint speaking enough of Twilio's REST API for the Twilio Java SDK, recording every
 * SMS and call, and playing the phone side: replies are posted, signed, to the inbound-SMS webhook.
 */
public final class TwilioStandIn implements AutoCloseable {
  private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

  private final String accountSid;
  private final String authToken;
  private final String inboundSmsWebhookUrl;
  private final List<SentSms> messages = new CopyOnWriteArrayList<>();
  private final List<PlacedCall> calls = new CopyOnWriteArrayList<>();
  private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(WEBHOOK_TIMEOUT).build();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon -> {
    Thread thread = new Thread(daemon, "twilio-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpServer server;

  private TwilioStandIn(int port, String accountSid, String authToken, String inboundSmsWebhookUrl) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.inboundSmsWebhookUrl = inboundSmsWebhookUrl;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the Twilio stand-in on port " + port, e);
    }
    server.createContext("/" + TwilioRestApi.API_VERSION + "/", new TwilioRestApi(accountSid, authToken, messages::add, calls::add));
    server.createContext("/", new TwilioPhonePage(this));
    server.setExecutor(executor);
    server.start();
  }

  /** Starts on {@code port} (0 picks a free one); replies to SMS go to {@code inboundSmsWebhookUrl}. */
  public static TwilioStandIn start(int port, String accountSid, String authToken, String inboundSmsWebhookUrl) {
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

  /** Calls received so far, oldest first. */
  public List<PlacedCall> calls() {
    return List.copyOf(calls);
  }

  /** The phone {@code fromNumber} answers an SMS sent from {@code toNumber}, as Twilio would post it. */
  public WebhookReply replyToSms(String fromNumber, String toNumber, String body) {
    Map<String, String> params = inboundSmsParams(fromNumber, toNumber, body);
    return postInboundSms(params, TwilioSignature.of(authToken, inboundSmsWebhookUrl, params));
  }

  /** Like {@link #replyToSms(String, String, String)} but with the given, e.g. wrong, signature. */
  public WebhookReply replyToSms(String fromNumber, String toNumber, String body, String signature) {
    return postInboundSms(inboundSmsParams(fromNumber, toNumber, body), signature);
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
    String form = params.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(inboundSmsWebhookUrl))
        .timeout(WEBHOOK_TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("X-Twilio-Signature", signature)
        .header("User-Agent", "TwilioProxy/1.1")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    try {
      HttpResponse<String> response = webhookClient.send(request, HttpResponse.BodyHandlers.ofString());
      return new WebhookReply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Inbound-SMS webhook " + inboundSmsWebhookUrl + " is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while posting to " + inboundSmsWebhookUrl, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
