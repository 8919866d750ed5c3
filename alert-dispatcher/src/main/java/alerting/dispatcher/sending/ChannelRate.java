package alerting.dispatcher.sending;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One channel's send rate, adapted to what the provider tolerates (AIMD, as TCP does): a throttle
 * (429, a provider in trouble) cuts the rate by a quarter and may pause sending for the provider's
 * Retry-After; every second of successful sends then adds a tenth of the configured rate back, so a
 * channel is at full speed again a few seconds after the provider stops pushing back. A quarter,
 * not TCP's half: at the configured rate a 429 means we brushed the provider's limit, and halving
 * on each such brush held a mass incident's emails at 0.75 of capacity in the capacity benchmark.
 *
 * <p>Sends are paced at {@link #PACING} of the rate: a provider counts a sliding second, and
 * threads waking a little late bunch evenly spaced sends together, so aiming exactly at the limit
 * crosses it now and then. The rate never exceeds the configured one and never falls below {@link
 * #FLOOR} per second.
 *
 * <p>The pacing itself is a Bucket4j token bucket holding a single send, refilled at the rate:
 * sends leave evenly spaced, so no one-second window ever holds more than the rate (plus one). A
 * bucket holding a second of sends let a full second's burst out on top of the refill — up to twice
 * the rate in one second — and a provider counting a sliding second answered 429 to it.
 */
final class ChannelRate {
  static final double FLOOR = 0.5;
  static final double PACING = 0.99;
  static final double BACK_OFF = 0.75;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final double configured;
  private final Bucket bucket;
  private volatile double current;
  private volatile long pausedUntil = System.nanoTime();
  private long lastChange = System.nanoTime();

  /** {@code perSecond} 0 means unlimited: nothing paces or pauses the channel then. */
  ChannelRate(int perSecond) {
    this.configured = perSecond;
    this.current = perSecond;
    this.bucket = perSecond > 0 ? Bucket.builder().addLimit(bandwidth(perSecond)).build() : null;
  }

  /** Sends per second right now; 0 for an unlimited channel. */
  double current() {
    return current;
  }

  /** Waits out a pause the provider asked for, then for the channel's next free slot. */
  void acquire() throws InterruptedException {
    if (bucket == null) {
      return;
    }
    for (var wait = pausedUntil - System.nanoTime();
        wait > 0;
        wait = pausedUntil - System.nanoTime()) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    bucket.asBlocking().consume(1);
  }

  /**
   * The provider pushed back: cut the rate by a quarter and pause for {@code pause} (none when
   * null). Calls in flight together all see the same push-back, so the rate is cut at most once a
   * second.
   */
  synchronized void throttled(Duration pause) {
    if (bucket == null) {
      return;
    }
    var now = System.nanoTime();
    if (pause != null && pause.compareTo(Duration.ZERO) > 0) {
      pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
    }
    if (now - lastChange < SECOND && current < configured) {
      return;
    }
    setRate(Math.max(FLOOR, current * BACK_OFF), now);
    bucket.tryConsumeAsMuchAsPossible(); // what was saved up at the old rate is not sent at once
  }

  /** A send went through: after a second without push-back, climb a tenth of the way back. */
  void succeeded() {
    if (bucket == null || current >= configured) {
      return;
    }
    synchronized (this) {
      var now = System.nanoTime();
      if (now - lastChange >= SECOND && current < configured) {
        setRate(Math.min(configured, current + configured / 10), now);
      }
    }
  }

  private void setRate(double perSecond, long now) {
    current = perSecond;
    lastChange = now;
    bucket.replaceConfiguration(
        BucketConfiguration.builder().addLimit(bandwidth(perSecond)).build(),
        TokensInheritanceStrategy.PROPORTIONALLY);
  }

  /** One send, refilled every 1/({@code perSecond} × {@link #PACING}) s. */
  private static Bandwidth bandwidth(double perSecond) {
    return Bandwidth.builder()
        .capacity(1)
        .refillGreedy(1, Duration.ofNanos((long) (SECOND / (perSecond * PACING))))
        .build();
  }
}
