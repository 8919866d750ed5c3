package alerting.ack.system;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the ack-receiver can be configured with ({@code alerting.ack.*}). */
@ConfigurationProperties("alerting.ack")
public record AckReceiverSettings(
    @DefaultValue("http://localhost:8084") URI publicBaseUrl,
    @DefaultValue Twilio twilio,
    @DefaultValue Links links,
    @DefaultValue Topics topics) {

  /**
   * Twilio signs webhooks with the account's auth token over the URL it called, which is our
   * public URL, not whatever Host header reaches us behind a proxy.
   */
  public record Twilio(@DefaultValue("local-twilio-auth-token") String authToken) {}

  /** Keys that may have signed ack links, by key id; two at once while a key is rotated. */
  public record Links(Map<String, String> keys) {
    public Links {
      keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
  }

  public record Topics(@DefaultValue("1") short replicationFactor) {}

  /** The public URL of a path of ours, as a caller on the internet sees it. */
  public String publicUrl(String path) {
    var base = publicBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
