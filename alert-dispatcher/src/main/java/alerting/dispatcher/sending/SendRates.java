package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Per-channel send rates: providers throttle (Twilio queues or refuses past an account's rate), so
 * the sender paces itself instead of provoking 429s, and slows down further, for a while, when the
 * provider pushes back anyway ({@link ChannelRate}). The current rate is the gauge {@code
 * alerting.senders.rate{channel}}; push-backs count in {@code alerting.senders.throttled}.
 */
@Component
class SendRates {
  private final Map<Channel, ChannelRate> rates = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> throttles = new EnumMap<>(Channel.class);

  SendRates(DispatcherSettings settings, MeterRegistry meters) {
    for (var channel : Channel.values()) {
      var rate = new ChannelRate(settings.senders().perSecond(channel));
      rates.put(channel, rate);
      Gauge.builder("alerting.senders.rate", rate, ChannelRate::current)
          .description("sends per second the channel is paced at now (0: unlimited)")
          .tag("channel", channel.name())
          .register(meters);
      throttles.put(
          channel,
          Counter.builder("alerting.senders.throttled")
              .description(
                  "times the provider pushed back (429, 5xx, SMTP 4xx) and the channel slowed down")
              .tag("channel", channel.name())
              .register(meters));
    }
  }

  /** Waits for the channel's next free slot, and out any pause; unlimited channels never wait. */
  void acquire(Channel channel) throws InterruptedException {
    rates.get(channel).acquire();
  }

  /** Sends per second the channel is paced at now; 0 when unlimited. */
  double current(Channel channel) {
    return rates.get(channel).current();
  }

  /** The provider pushed back: slow the channel down, and pause it for {@code pause} if given. */
  void throttled(Channel channel, Duration pause) {
    throttles.get(channel).increment();
    rates.get(channel).throttled(pause);
  }

  void succeeded(Channel channel) {
    rates.get(channel).succeeded();
  }
}
