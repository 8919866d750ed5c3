package alerting.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Applies one provider API's {@link ProviderCapacity} to each request and counts what it answered. */
final class CapacityGate {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private volatile ProviderCapacity capacity = ProviderCapacity.UNLIMITED;
  private final Deque<Long> admittedAt = new ArrayDeque<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  void capacity(ProviderCapacity capacity) {
    this.capacity = capacity;
  }

  /**
   * Empty when the request may go ahead, once the latency has passed; otherwise it is refused for the
   * rate and the answer says how long until one more would be let in.
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

  /** Zero and the request is counted in the window, or the nanoseconds until the oldest one leaves it. */
  private synchronized long admit(int perSecond, long now) {
    while (!admittedAt.isEmpty() && now - admittedAt.peekFirst() >= WINDOW_NANOS) {
      admittedAt.pollFirst();
    }
    // a lowered rate leaves more in the window than it allows; they only age out
    if (admittedAt.size() >= perSecond) {
      return admittedAt.peekFirst() + WINDOW_NANOS - now;
    }
    admittedAt.addLast(now);
    return 0;
  }

  /** Blocks the serving thread, as a request waits on a real provider; each request has its own thread. */
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
