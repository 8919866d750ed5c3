package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Keeps one phone number or email address from getting more than a configured number of
 * messages a minute (the window is configurable) from the dispatcher, whatever tenants,
 * incidents or alerts they come from: a person listed by many tenants is not flooded by one mass
 * incident. A send past the limit is not dropped; it is given the first free slot and waits for
 * it on the retry topic.
 *
 * <p>Each destination keeps the times of its last {@code n} sends (or booked slots): a new send
 * takes the later of now and a window after the {@code n}th-last, so no window ever holds more
 * than {@code n}. A token bucket (Bucket4j) would not do: a full bucket plus a window's refill
 * lets up to {@code 2n} through within one window.
 *
 * <p>The record is in memory, per instance, in a Caffeine cache bounded in size and forgetting a
 * destination once its last booked slot no longer counts. With several instances a destination's messages
 * are spread over them by alert id, so it may get up to {@code n} per instance; that, and a
 * restart forgetting the record, is tolerable for a guard against floods, and a shared store
 * would put a network round trip in front of every send.
 */
@Component
class DestinationLimits {
  private final DispatcherSettings.Senders settings;
  private final long window;
  private final Cache<String, Slots> slots;

  DestinationLimits(DispatcherSettings settings) {
    this.settings = settings.senders();
    this.window = this.settings.perDestinationWindow().toNanos();
    this.slots = Caffeine.newBuilder()
        .maximumSize(this.settings.destinationsTracked())
        .expireAfter(Expiry.<String, Slots>accessing((key, slots) ->
            // a booking made now may land a window after the latest slot and count for a window
            Duration.ofNanos(Math.max(slots.latest - System.nanoTime(), 0) + 2 * window)))
        .build();
  }

  /**
   * Books a send to {@code address} on {@code channel}: {@link Duration#ZERO} when it may go now,
   * else how long until its booked slot (the slot is taken either way).
   */
  Duration book(Channel channel, String address) {
    var limit = settings.perDestination(channel);
    if (limit <= 0 || address == null) {
      return Duration.ZERO;
    }
    var key = channel + ":" + address.strip().toLowerCase(Locale.ROOT);
    return slots.get(key, k -> new Slots(limit)).book(System.nanoTime(), window);
  }

  /** The last {@code n} send times of one destination, a ring whose oldest entry comes next. */
  private static final class Slots {
    private final long[] times;
    private int oldest;
    private boolean full;
    private volatile long latest = System.nanoTime();

    Slots(int n) {
      times = new long[n];
    }

    synchronized Duration book(long now, long window) {
      var slot = full ? Math.max(now, times[oldest] + window) : now;
      times[oldest] = slot;
      latest = Math.max(latest, slot);
      oldest = (oldest + 1) % times.length;
      full |= oldest == 0;
      return Duration.ofNanos(slot - now);
    }
  }
}
