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
   * {@code counted}: the send used up one of its retries; not when it never reached the provider
   * because this process had no capacity for it (every pooled SMTP connection busy), which under
   * load must delay a send, never dead-letter it.
   */
  record Transient(String reason, boolean overloaded, boolean counted) implements ProviderResult {
    public Transient(String reason) {
      this(reason, false, true);
    }

    public Transient(String reason, boolean overloaded) {
      this(reason, overloaded, true);
    }

    /** Our own capacity ran out before the provider was asked: slow down, try again, uncounted. */
    public static Transient noCapacityHere(String reason) {
      return new Transient(reason, true, false);
    }
  }

  /**
   * The provider refused this send because we send too fast (Twilio's 429): the channel slows down
   * and pauses for {@code retryAfter} (null when the provider did not say), and the same send is
   * tried again in place.
   */
  record Throttled(String reason, Duration retryAfter) implements ProviderResult {}
}
