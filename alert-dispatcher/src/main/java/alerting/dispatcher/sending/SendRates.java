package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Per-channel send rates, as Bucket4j token buckets: providers throttle (Twilio queues or
 * refuses past an account's rate), so the sender paces itself instead of provoking 429s. A
 * bucket holds one second of sends, so a burst never exceeds the configured rate.
 */
@Component
class SendRates {
  private final Map<Channel, Bucket> buckets = new EnumMap<>(Channel.class);

  SendRates(DispatcherSettings settings) {
    for (var channel : Channel.values()) {
      var perSecond = settings.senders().perSecond(channel);
      if (perSecond > 0) {
        buckets.put(channel, Bucket.builder()
            .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
            .build());
      }
    }
  }

  /** Waits for the channel's next free slot; unlimited channels never wait. */
  void acquire(Channel channel) throws InterruptedException {
    var bucket = buckets.get(channel);
    if (bucket != null) {
      bucket.asBlocking().consume(1);
    }
  }
}
