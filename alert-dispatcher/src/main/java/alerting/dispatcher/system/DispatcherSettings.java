package alerting.dispatcher.system;

import alerting.events.EscalationPlan;
import alerting.events.Severity;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the dispatcher can be configured with ({@code alerting.dispatcher.*}). */
@ConfigurationProperties("alerting.dispatcher")
public record DispatcherSettings(
    @DefaultValue Escalation escalation,
    @DefaultValue Links links,
    @DefaultValue Email email,
    @DefaultValue Twilio twilio,
    @DefaultValue Topics topics) {

  /** How long each attempt waits for an ack, by severity, and how many rounds are tried. */
  public record Escalation(
      @DefaultValue("5m") Duration criticalAckTimeout,
      @DefaultValue("10m") Duration highAckTimeout,
      @DefaultValue("15m") Duration otherAckTimeout,
      @DefaultValue("2") int rounds) {

    public EscalationPlan planFor(Severity severity) {
      var timeout = switch (severity) {
        case CRITICAL -> criticalAckTimeout;
        case HIGH -> highAckTimeout;
        case MEDIUM, LOW -> otherAckTimeout;
      };
      return new EscalationPlan(timeout, rounds);
    }
  }

  /**
   * Ack links point at the ack-receiver's public address and are signed with the key the
   * ack-receiver verifies with.
   */
  public record Links(
      @DefaultValue("http://localhost:8084") URI ackReceiverBaseUrl,
      @DefaultValue("k1") String keyId,
      @DefaultValue("local-dev-ack-link-key-change-me") String key,
      @DefaultValue("7d") Duration validity) {}

  public record Email(@DefaultValue("no-reply@alerts.localhost") String from) {}

  /**
   * Twilio account and sender identity. {@code apiBaseUrl} points the SDK somewhere other than
   * Twilio's own API, for the local stand-in.
   */
  public record Twilio(
      @DefaultValue("AC00000000000000000000000000000000") String accountSid,
      @DefaultValue("local-twilio-auth-token") String authToken,
      @DefaultValue("+15005550006") String fromNumber,
      URI apiBaseUrl) {}

  public record Topics(@DefaultValue("1") short replicationFactor) {}
}
