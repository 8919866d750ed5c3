package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Keeps one phone number or email address from getting more than a configured number of messages a
 * minute (the window is configurable) from the dispatcher, whatever tenants, incidents or alerts
 * they come from: a person listed by many tenants is not flooded by one mass incident. A send past
 * the limit is not dropped; it is given the first free slot and waits for it on the retry topic.
 *
 * <p>Each destination keeps the times of its sends of the last window and of its booked slots: a
 * new send takes the later of now and a window after the {@code n}th-last, so no window ever holds
 * more than {@code n}. A token bucket (Bucket4j) would not do: a full bucket plus a window's refill
 * lets up to {@code 2n} through within one window.
 *
 * <p>The record is in memory, per instance, in a Caffeine cache bounded in size and forgetting a
 * destination once its last booked slot no longer counts. With several instances a destination's
 * messages are spread over them by alert id, so it may get up to {@code n} per instance; that, and
 * a restart forgetting the record, is tolerable for a guard against floods, and a shared store
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
    this.slots =
        Caffeine.newBuilder()
            .maximumSize(this.settings.destinationsTracked())
            .expireAfter(
                Expiry.<String, Slots>accessing(
                    (key, slots) ->
                        // a booking made now may land a window after the latest slot and count for
                        // a window
                        Duration.ofNanos(
                            Math.max(slots.latest - System.nanoTime(), 0) + 2 * window)))
            .build();
  }

  /**
   * Books a send to {@code address} on {@code channel}: the booking says how long until its slot
   * ({@link Duration#ZERO}: it may go now). A booking whose send then fails is cancelled, so a
   * failing provider does not use up a destination's messages.
   */
  Booking book(Channel channel, String address) {
    var limit = settings.perDestination(channel);
    if (limit <= 0 || address == null) {
      return Booking.NONE;
    }
    var key = channel + ":" + address.strip().toLowerCase(Locale.ROOT);
    return slots.get(key, k -> new Slots(limit)).book(System.nanoTime(), window);
  }

  /** A slot booked for one send; {@link #cancel()} gives it back. */
  static final class Booking {
    static final Booking NONE = new Booking(null, 0, Duration.ZERO);
    private final Slots slots;
    private final long slot;
    private final Duration wait;

    private Booking(Slots slots, long slot, Duration wait) {
      this.slots = slots;
      this.slot = slot;
      this.wait = wait;
    }

    /** How long until the booked slot; zero when the send may go now. */
    Duration waitFor() {
      return wait;
    }

    void cancel() {
      if (slots != null) {
        slots.cancel(slot);
      }
    }
  }

  /**
   * One destination's send times (nanoTime) of the last window and its booked future slots, in
   * order. A new slot is at least a window after the {@code n}th-latest and never before the
   * latest, so any window holds at most {@code n}.
   */
  private static final class Slots {
    private final int n;
    private final ArrayList<Long> times = new ArrayList<>();
    private volatile long latest = System.nanoTime();

    Slots(int n) {
      this.n = n;
    }

    synchronized Booking book(long now, long window) {
      times.removeIf(t -> t <= now - window);
      var slot = now;
      if (!times.isEmpty()) {
        slot = Math.max(slot, times.get(times.size() - 1));
      }
      if (times.size() >= n) {
        slot = Math.max(slot, times.get(times.size() - n) + window);
      }
      times.add(slot);
      latest = Math.max(latest, slot);
      return new Booking(this, slot, Duration.ofNanos(slot - now));
    }

    /** The send did not happen: its slot counts no more. */
    synchronized void cancel(long slot) {
      times.remove(Long.valueOf(slot));
    }
  }
}
