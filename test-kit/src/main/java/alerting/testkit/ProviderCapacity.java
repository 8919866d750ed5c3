package alerting.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stand-in provider API behaves under load: every accepted request takes {@code latency} before it
 * is answered, and past {@code perSecond} accepted requests in any one-second span it refuses more, as
 * Twilio (HTTP 429) and mail relays (SMTP 451) do. Benchmarks set it to measure a sender against a
 * provider's real limits; tests leave the default, {@link #UNLIMITED}, so they stay fast.
 *
 * <p>The rate is a sliding one-second window, not a token bucket: a bucket of the same rate lets a full
 * bucket's burst through on top of its refill, so a sender whose own limiter matches the provider's rate
 * could still be refused here, which is what a benchmark should show.
 */
public record ProviderCapacity(Duration latency, int perSecond) {
  /** No latency and no rate limit: the stand-ins' behaviour unless told otherwise. */
  public static final ProviderCapacity UNLIMITED = new ProviderCapacity(Duration.ZERO, Integer.MAX_VALUE);

  public ProviderCapacity {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1 (UNLIMITED has no limit): " + perSecond);
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
