package alerting.localinfra;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies one provider API's {@link ProviderCapacity} to each request and counts what it answered.
 */
final class CapacityGate {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private volatile ProviderCapacity capacity = ProviderCapacity.UNLIMITED;
  private int bucketRate = -1;
  private double tokens;
  private long refilledAt = System.nanoTime();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  void capacity(ProviderCapacity capacity) {
    this.capacity = capacity;
  }

  /**
   * Empty when the request may go ahead, once the latency has passed; otherwise it is refused for
   * the rate and the answer says how long until one more would be let in.
   */
  Optional<Duration> enter() {
    ProviderCapacity current = capacity;
    if (current.rateLimited()) {
      long waitNanos = admit(current.perSecond(), System.nanoTime());
      if (waitNanos > 0) {
        throttled.incrementAndGet();
        return Optional.of(Duration.ofNanos(waitNanos));
      }
    }
    holdFor(current.latency());
    return Optional.empty();
  }

  void accepted() {
    accepted.incrementAndGet();
  }

  ProviderCounts counts() {
    return new ProviderCounts(accepted.get(), throttled.get());
  }

  /**
   * Zero and the request takes a token, or the nanoseconds until the next token. A token bucket
   * holding one second of requests, refilled at the rate, as providers enforce a published rate
   * with a burst allowance: a sender above the rate for longer than the burst is refused, one
   * pacing itself at the rate never is, whatever the jitter of its threads. (A strict sliding
   * second refused an evenly paced sender whose sends a busy CPU had bunched by a few.)
   */
  private synchronized long admit(int perSecond, long now) {
    if (perSecond != bucketRate) {
      // a new limit starts with a full burst; a lowered one keeps no more than it allows
      tokens = bucketRate < 0 ? perSecond : Math.min(tokens, perSecond);
      bucketRate = perSecond;
    }
    tokens = Math.min(perSecond, tokens + (now - refilledAt) * (double) perSecond / WINDOW_NANOS);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) * WINDOW_NANOS / perSecond);
  }

  /**
   * Blocks the serving thread, as a request waits on a real provider; each request has its own
   * thread.
   */
  private static void holdFor(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(latency.toNanos());
    } catch (InterruptedException e) {
      // the stand-in is closing; answer at once rather than never
      Thread.currentThread().interrupt();
    }
  }
}
