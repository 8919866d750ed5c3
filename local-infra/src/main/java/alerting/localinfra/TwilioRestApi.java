package alerting.localinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/** Answers the two Twilio REST calls the system makes, with JSON shaped like Twilio's resources. */
final class TwilioRestApi implements HttpHandler {
  static final String API_VERSION = "2010-04-01";
  private static final Pattern PATH =
      Pattern.compile("/" + API_VERSION + "/Accounts/([^/]+)/(Messages|Calls)\\.json");

  /** Twilio's dates look like "Mon, 16 Aug 2010 03:45:01 +0000"; the SDK parses exactly that. */
  private static final DateTimeFormatter TWILIO_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String accountSid;
  private final byte[] expectedAuthorization;
  private final Consumer<SentSms> onSms;
  private final Consumer<PlacedCall> onCall;
  private final CapacityGate messagesGate;
  private final CapacityGate callsGate;
  private final Clock clock = Clock.systemUTC();

  TwilioRestApi(
      String accountSid,
      String authToken,
      Consumer<SentSms> onSms,
      Consumer<PlacedCall> onCall,
      CapacityGate messagesGate,
      CapacityGate callsGate) {
    this.accountSid = accountSid;
    this.expectedAuthorization =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    this.onSms = onSms;
    this.onCall = onCall;
    this.messagesGate = messagesGate;
    this.callsGate = callsGate;
  }

  static String newSid(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
    if (!authorized(exchange)) {
      error(exchange, 401, 20003, "Authenticate");
    } else if (!path.matches() || !path.group(1).equals(accountSid)) {
      error(
          exchange,
          404,
          20404,
          "The requested resource " + exchange.getRequestURI().getPath() + " was not found");
    } else if (!"POST".equals(exchange.getRequestMethod())) {
      error(exchange, 405, 20004, "Method not allowed");
    } else {
      create(exchange, path.group(2).equals("Messages"), HttpPages.readForm(exchange));
    }
  }

  private void create(HttpExchange exchange, boolean message, Map<String, String> form)
      throws IOException {
    CapacityGate gate = message ? messagesGate : callsGate;
    Optional<Duration> retryAfter = gate.enter();
    if (retryAfter.isPresent()) {
      tooManyRequests(exchange, retryAfter.get());
    } else if (message) {
      createMessage(exchange, form, gate);
    } else {
      createCall(exchange, form, gate);
    }
  }

  /**
   * Twilio's throttling answer; Retry-After is whole seconds, so never 0 while the window is full.
   */
  private static void tooManyRequests(HttpExchange exchange, Duration retryAfter)
      throws IOException {
    long seconds = Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
    exchange.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
    error(exchange, 429, 20429, "Too Many Requests");
  }

  private boolean authorized(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private void createMessage(HttpExchange exchange, Map<String, String> form, CapacityGate gate)
      throws IOException {
    if (blank(form.get("To"))
        || blank(form.get("Body"))
        || (blank(form.get("From")) && blank(form.get("MessagingServiceSid")))) {
      error(
          exchange,
          400,
          21604,
          "A 'To', a 'Body' and a 'From' or 'MessagingServiceSid' are required");
      return;
    }
    Instant now = clock.instant();
    SentSms sms =
        new SentSms(
            newSid("SM"),
            accountSid,
            form.get("To"),
            form.get("From"),
            form.get("MessagingServiceSid"),
            form.get("Body"),
            form.get("StatusCallback"),
            now);
    onSms.accept(sms);
    gate.accepted();
    Map<String, Object> json = resource(sms.sid(), "Messages", now);
    json.put("to", sms.to());
    json.put("from", sms.from());
    json.put("messaging_service_sid", sms.messagingServiceSid());
    json.put("body", sms.body());
    json.put("num_segments", "1");
    json.put("num_media", "0");
    json.put("date_sent", null);
    json.put("error_code", null);
    json.put("error_message", null);
    json.put(
        "subresource_uris",
        Map.of("media", uri(sms.sid(), "Messages").replace(".json", "/Media.json")));
    HttpPages.respond(exchange, 201, "application/json", JSON.writeValueAsString(json));
  }

  private void createCall(HttpExchange exchange, Map<String, String> form, CapacityGate gate)
      throws IOException {
    if (blank(form.get("To"))
        || blank(form.get("From"))
        || (blank(form.get("Url")) && blank(form.get("Twiml")))) {
      error(exchange, 400, 21205, "A 'To', a 'From' and a 'Url' or 'Twiml' are required");
      return;
    }
    Instant now = clock.instant();
    PlacedCall call =
        new PlacedCall(
            newSid("CA"),
            accountSid,
            form.get("To"),
            form.get("From"),
            form.get("Url"),
            form.get("Twiml"),
            form.get("StatusCallback"),
            form.get("MachineDetection"),
            now);
    onCall.accept(call);
    gate.accepted();
    Map<String, Object> json = resource(call.sid(), "Calls", now);
    json.put("to", call.to());
    json.put("to_formatted", call.to());
    json.put("from", call.from());
    json.put("from_formatted", call.from());
    json.put("answered_by", null);
    json.put("caller_name", null);
    json.put("duration", null);
    json.put("start_time", null);
    json.put("end_time", null);
    json.put("parent_call_sid", null);
    json.put("phone_number_sid", null);
    json.put("queue_time", "0");
    json.put(
        "subresource_uris",
        Map.of("notifications", uri(call.sid(), "Calls").replace(".json", "/Notifications.json")));
    HttpPages.respond(exchange, 201, "application/json", JSON.writeValueAsString(json));
  }

  private Map<String, Object> resource(String sid, String collection, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sid", sid);
    json.put("account_sid", accountSid);
    json.put("api_version", API_VERSION);
    json.put("status", "queued");
    json.put("direction", "outbound-api");
    json.put("date_created", TWILIO_DATE.format(now));
    json.put("date_updated", TWILIO_DATE.format(now));
    json.put("price", null);
    json.put("price_unit", "USD");
    json.put("uri", uri(sid, collection));
    return json;
  }

  private String uri(String sid, String collection) {
    return "/" + API_VERSION + "/Accounts/" + accountSid + "/" + collection + "/" + sid + ".json";
  }

  /** Twilio's error body; the SDK turns it into an ApiException carrying code and status. */
  private static void error(HttpExchange exchange, int status, int code, String message)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("code", code);
    json.put("message", message);
    json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    json.put("status", status);
    HttpPages.respond(exchange, status, "application/json", JSON.writeValueAsString(json));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
