package alerting.dispatcher.sending;

import java.time.Duration;

/** What a provider made of one send: accepted, refused for good, or worth another try. */
public sealed interface ProviderResult {
  record Accepted(String providerRef) implements ProviderResult {}

  /** Invalid number, unsubscribed, SMTP 5xx: trying again cannot help. */
  record Permanent(String reason) implements ProviderResult {}

  /**
   * HTTP 5xx, SMTP 4xx, timeouts: the same send may well work later. {@code overloaded} says the
   * provider itself is struggling (Twilio 5xx, an SMTP 4xx reply), so the channel slows down.
   */
  record Transient(String reason, boolean overloaded) implements ProviderResult {
    public Transient(String reason) {
      this(reason, false);
    }
  }

  /**
   * The provider refused this send because we send too fast (Twilio's 429): the channel slows down
   * and pauses for {@code retryAfter} (null when the provider did not say), and the same send is
   * tried again in place.
   */
  record Throttled(String reason, Duration retryAfter) implements ProviderResult {}
}
