package alerting.ack.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the ack-receiver can be configured with ({@code alerting.ack.*}). */
@ConfigurationProperties("alerting.ack")
public record AckReceiverSettings(
    @DefaultValue("http://localhost:8084") URI publicBaseUrl,
    List<String> trustedProxies,
    @DefaultValue Twilio twilio,
    @DefaultValue Links links,
    @DefaultValue Sms sms,
    @DefaultValue Limits limits,
    @DefaultValue Topics topics) {

  /**
   * {@code trustedProxies}: addresses or CIDR ranges of the load balancers in front of us, whose
   * X-Forwarded-For is believed (see {@link TrustedProxies}); none by default, so the header is
   * ignored and every client is its connection's address.
   */
  public AckReceiverSettings {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  /**
   * Twilio signs webhooks with the account's auth token over the URL it called, which is our public
   * URL, not whatever Host header reaches us behind a proxy. While the token is rotated Twilio may
   * sign with either the primary or the secondary one, so both are accepted. The token has no
   * default: see {@link ShippedSecrets}.
   */
  public record Twilio(
      String authToken, String secondaryAuthToken, @DefaultValue("24h") Duration replayWindow) {

    public List<String> authTokens() {
      return Stream.of(authToken, secondaryAuthToken)
          .filter(t -> t != null && !t.isBlank())
          .distinct()
          .toList();
    }
  }

  /**
   * Secrets that may have sealed ack links, by key id; two at once while a key is rotated. None is
   * shipped: see {@link ShippedSecrets}.
   */
  public record Links(Map<String, String> keys) {
    public Links {
      keys = keys == null ? Map.of() : Map.copyOf(keys);
      keys.forEach(
          (id, key) -> {
            // a short secret can be brute-forced offline from a single link
            if (key == null || key.length() < 32) {
              throw new IllegalArgumentException(
                  "ack-link key " + id + " must have at least 32 characters");
            }
          });
    }
  }

  /** What the SMS keyword answers (HELP, STOP) say about who is texting. */
  public record Sms(
      @DefaultValue("Security alerts") String programName,
      @DefaultValue("your security administrator") String helpContact) {}

  /**
   * Token buckets: per client address on every public endpoint, per phone number on the replies and
   * calls. Twilio's webhooks come from a few of its addresses, so they get a bucket sized for a
   * mass incident rather than for one person. A request body larger than {@code requestBytes} is
   * refused, however it is sent.
   */
  public record Limits(
      @DefaultValue("30") int linkRequestsPerClientPerMinute,
      @DefaultValue("3000") int webhooksPerClientPerMinute,
      @DefaultValue("10") int requestsPerPhonePerMinute,
      @DefaultValue("100000") int trackedKeys,
      @DefaultValue("65536") int requestBytes) {}

  public record Topics(@DefaultValue("1") short replicationFactor) {}

  /** The public URL of a path of ours, as a caller on the internet sees it. */
  public String publicUrl(String path) {
    var base = publicBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
