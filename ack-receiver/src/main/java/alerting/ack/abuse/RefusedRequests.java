package alerting.ack.abuse;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts refused requests as {@code alerting.webhooks.refused{endpoint, reason}}. One place
 * registers the meter, so its tags are always the same (Prometheus rejects a name whose tag keys
 * differ) and the endpoint tag is a route, never a raw path a scanner could vary without limit.
 */
@Component
public class RefusedRequests {
  public static final String METRIC = "alerting.webhooks.refused";
  private final MeterRegistry meters;

  RefusedRequests(MeterRegistry meters) {
    this.meters = meters;
  }

  public void count(String endpoint, String reason) {
    meters.counter(METRIC, "endpoint", route(endpoint), "reason", reason).increment();
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
