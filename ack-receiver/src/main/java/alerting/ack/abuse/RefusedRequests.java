package alerting.ack.abuse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts refused requests as {@code alerting.webhooks.refused{endpoint, reason}}. One place
 * registers the meter, so its tags are always the same (Prometheus rejects a name whose tag keys
 * differ) and the endpoint tag is a route, never a raw path a scanner could vary without limit.
 */
@Component
public class RefusedRequests {
  public static final String METRIC = "alerting.webhooks.refused";

  private static final List<String> TWILIO = List.of("unsigned", "bad-signature");
  private static final String CLIENT = "rate-limited-client";

  /**
   * What each route can refuse for, registered at zero at start-up: a counter that appears only at
   * its first increment is missed by {@code rate()}, so the first refusal would read as none.
   */
  static final Map<String, List<String>> KNOWN =
      Map.of(
          "/ack",
          List.of("expired", "invalid", "unknown-alert", CLIENT),
          "/twilio/sms",
          List.of(TWILIO.get(0), TWILIO.get(1), "rate-limited-phone", CLIENT),
          "/twilio/voice",
          List.of(TWILIO.get(0), TWILIO.get(1), "bad-request", "rate-limited-phone", CLIENT),
          "/twilio/voice/gather",
          List.of(TWILIO.get(0), TWILIO.get(1), "bad-request", "rate-limited-phone", CLIENT),
          "/twilio/status",
          List.of(TWILIO.get(0), TWILIO.get(1), "bad-request", CLIENT));

  private final Meter.MeterProvider<Counter> refused;

  RefusedRequests(MeterRegistry meters) {
    this.refused =
        Counter.builder(METRIC)
            .description(
                "Requests to an ack link or a Twilio webhook refused, by route and reason (bad or"
                    + " missing signature, expired or invalid link, rate limit)")
            .withRegistry(meters);
    KNOWN.forEach(
        (route, reasons) ->
            reasons.forEach(reason -> refused.withTags("endpoint", route, "reason", reason)));
  }

  public void count(String endpoint, String reason) {
    refused.withTags("endpoint", route(endpoint), "reason", reason).increment();
  }

  /** The route a request path belongs to: {@code /ack/<token>} counts as {@code /ack}. */
  static String route(String path) {
    if (path == null) {
      return "other";
    }
    if (path.startsWith("/ack/") || path.equals("/ack")) {
      return "/ack";
    }
    return switch (path) {
      case "/twilio/sms", "/twilio/voice", "/twilio/voice/gather", "/twilio/status" -> path;
      default -> path.startsWith("/twilio/") ? "/twilio/other" : "other";
    };
  }
}
