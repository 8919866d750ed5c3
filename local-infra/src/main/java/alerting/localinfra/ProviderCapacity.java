package alerting.localinfra;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stand-in provider API behaves under load: every accepted request takes {@code latency}
 * before it is answered, and a sender above {@code perSecond} for longer than a one-second burst is
 * refused, as Twilio (HTTP 429) and mail relays (SMTP 451) do. Benchmarks set it to measure a
 * sender against a provider's real limits; tests leave the default, {@link #UNLIMITED}, so they
 * stay fast.
 *
 * <p>The rate is a token bucket holding one second of requests, refilled at the rate: a published
 * rate with a burst allowance, the way providers enforce theirs. A strict sliding second was tried
 * first; it refused a sender pacing itself evenly at 98% of the rate whenever a busy CPU bunched a
 * few of its sends, which measured the machine's scheduler rather than the sender.
 */
public record ProviderCapacity(Duration latency, int perSecond) {
  /** No latency and no rate limit: the stand-ins' behaviour unless told otherwise. */
  public static final ProviderCapacity UNLIMITED =
      new ProviderCapacity(Duration.ZERO, Integer.MAX_VALUE);

  public ProviderCapacity {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (perSecond < 1) {
      throw new IllegalArgumentException(
          "perSecond must be at least 1 (UNLIMITED has no limit): " + perSecond);
    }
  }

  /** Every request answered after {@code latency}, none refused for its rate. */
  public static ProviderCapacity latency(Duration latency) {
    return new ProviderCapacity(latency, Integer.MAX_VALUE);
  }

  /** Answered at once, but no more than {@code perSecond} accepted in any one second. */
  public static ProviderCapacity perSecond(int perSecond) {
    return new ProviderCapacity(Duration.ZERO, perSecond);
  }

  boolean rateLimited() {
    return perSecond != Integer.MAX_VALUE;
  }
}
