package alerting.dispatcher.sending;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How many provider calls one channel keeps in flight, sized by Little's law: to send {@code r}
 * messages a second through a provider that takes {@code t} seconds per call, {@code r × t} calls
 * must be under way at any moment. With SMTP at 40 ms and 100 emails/s that is 4; with call set-up
 * at 300 ms and 30 calls/s, 9. The size is the channel's current rate (see {@link ChannelRate})
 * times an exponentially weighted average of accepted calls' latency, times {@link #HEADROOM} for
 * latency spikes, at least 1 and at most {@code max} ({@code initial} until a first latency is
 * known): the rate limiter stays the cap on sends, this only makes sure latency never holds the
 * channel below it. An unlimited channel (rate 0) runs {@code max} calls at once.
 *
 * <p>The calls run on a thread pool whose core size is set to that number as it changes; the queue
 * is unbounded, so a poll's calls wait there for a thread rather than being refused.
 */
final class CallConcurrency implements AutoCloseable {
  static final double HEADROOM = 1.5;

  /** Weight of the newest latency in the average: about the last ten calls count. */
  private static final double ALPHA = 0.2;

  private final DoubleSupplier rate;
  private final int max;
  private final ThreadPoolExecutor pool;
  private double averageSeconds = Double.NaN;

  CallConcurrency(String name, DoubleSupplier rate, int initial, int max) {
    this.rate = rate;
    this.max = Math.max(1, max);
    var size = Math.min(Math.max(1, initial), this.max);
    this.pool =
        new ThreadPoolExecutor(
            size,
            size,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              var thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  Executor executor() {
    return pool;
  }

  /** Calls the pool runs at once now. */
  int limit() {
    return pool.getCorePoolSize();
  }

  /** An accepted call took {@code nanos}: fold it into the average and resize if that moves it. */
  synchronized void accepted(long nanos) {
    var seconds = nanos / 1e9;
    averageSeconds =
        Double.isNaN(averageSeconds) ? seconds : ALPHA * seconds + (1 - ALPHA) * averageSeconds;
    resize();
  }

  /** The channel's rate changed (throttled or recovering): the calls needed change with it. */
  synchronized void rateChanged() {
    if (!Double.isNaN(averageSeconds)) {
      resize();
    }
  }

  private void resize() {
    var perSecond = rate.getAsDouble();
    var wanted =
        perSecond <= 0
            ? max
            : (int) Math.min(max, Math.max(1, Math.ceil(perSecond * averageSeconds * HEADROOM)));
    var now = pool.getCorePoolSize();
    if (wanted > now) {
      pool.setMaximumPoolSize(wanted);
      pool.setCorePoolSize(wanted);
    } else if (wanted < now) {
      pool.setCorePoolSize(wanted);
      pool.setMaximumPoolSize(wanted);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
