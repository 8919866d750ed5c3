package alerting.dispatcher.coverage;

import alerting.events.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The send backlog over all incidents as gauges per channel, for the dashboard. Every channel is
 * registered at start-up, at zero, so a panel shows a flat line rather than nothing before the
 * first incident. Each dispatcher reads the whole state topic, so every instance reports the same
 * values: the dashboard takes the max across instances, not the sum.
 */
@Component
class SendBacklogMetrics {
  static final String QUEUED = "alerting.deliveries.queued";
  static final String SEND_RATE = "alerting.deliveries.send.rate";
  static final String ETA = "alerting.deliveries.first.attempts.eta";

  private final SendBacklog backlog;
  private final Clock clock;

  @Autowired
  SendBacklogMetrics(AlertStates states, MeterRegistry meters) {
    this(states, meters, Clock.systemUTC());
  }

  SendBacklogMetrics(AlertStates states, MeterRegistry meters, Clock clock) {
    this.backlog = states.allIncidents();
    this.clock = clock;
    for (var channel : Channel.values()) {
      gauge(
          meters,
          QUEUED,
          channel,
          null,
          "Attempts of open alerts waiting to be handed to the channel's provider",
          p -> p.queued());
      gauge(
          meters,
          SEND_RATE,
          channel,
          null,
          "Attempts the channel's provider accepted per second over the last minute, all incidents",
          ChannelProgress::ratePerSecond);
      gauge(
          meters,
          ETA,
          channel,
          "seconds",
          "Time until every contact whose first attempt waits on this channel has had it, at the"
              + " current rate; 0 when none waits, NaN while nothing is being sent",
          p -> p.etaSeconds() == null ? Double.NaN : p.etaSeconds());
    }
  }

  private void gauge(
      MeterRegistry meters,
      String name,
      Channel channel,
      String unit,
      String description,
      ToDoubleFunction<ChannelProgress> value) {
    Gauge.builder(
            name, this, m -> value.applyAsDouble(m.backlog.progress(channel, m.clock.instant())))
        .description(description)
        .baseUnit(unit)
        .tag("channel", channel.name())
        .register(meters);
  }
}
