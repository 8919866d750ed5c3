package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import alerting.events.Lane;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Send order (design.md, "Policies"): each channel has a delivery topic per priority {@link Lane},
 * each drained by its own listener, and a lane sends only while every higher lane of its channel is
 * empty. A lane is busy while one of its batches is being sent, and for a short quiet period after
 * its last batch (a consumer with records left polls again well within it) or after it was resumed
 * (so it can show it has work before the lanes below it start). While a higher lane is busy, this
 * class pauses the lower lanes' listener containers (their consumers keep polling, so nobody is
 * rebalanced) and resumes them once it is quiet. The backlog a lane's consumers last saw ({@code
 * Consumer#currentLag}, known locally from the last fetch) is published as a gauge; it does not
 * decide, since a transaction's commit marker can leave it at 1 with nothing to send.
 *
 * <p>A lower lane's batch already under way when a CRITICAL incident starts is finished, not
 * abandoned half-sent, so it is kept to about half a second of the channel's rate ({@link
 * #batchSize}); the CRITICAL lane, with nothing above it, takes full polls. The order lives in
 * Kafka — lanes are topics, positions are committed offsets — so a crash loses nothing and two
 * instances keep the same order.
 */
@Component
public class SenderLanes implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SenderLanes.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(50);

  private final DeliveryPipeline pipeline;
  private final KafkaListenerEndpointRegistry registry;
  private final DispatcherSettings.Senders settings;
  private final long quietNanos;
  private final LaneState[][] lanes = new LaneState[Channel.values().length][Lane.values().length];
  private ScheduledExecutorService gate;

  SenderLanes(
      DeliveryPipeline pipeline,
      KafkaListenerEndpointRegistry registry,
      DispatcherSettings settings,
      MeterRegistry meters) {
    this.pipeline = pipeline;
    this.registry = registry;
    this.settings = settings.senders();
    this.quietNanos = this.settings.laneQuietPeriod().toNanos();
    for (var channel : Channel.values()) {
      for (var lane : Lane.values()) {
        var state = new LaneState();
        lanes[channel.ordinal()][lane.ordinal()] = state;
        Gauge.builder("alerting.senders.lane.backlog", state.backlog, AtomicLong::get)
            .description(
                "Deliveries waiting in a channel's priority lane, as its consumers last saw")
            .tag("channel", channel.name())
            .tag("lane", lane.name())
            .register(meters);
        Gauge.builder("alerting.senders.lane.paused", state, s -> s.paused ? 1 : 0)
            .description("1 while a lane waits for a higher lane of its channel to empty")
            .tag("channel", channel.name())
            .tag("lane", lane.name())
            .register(meters);
      }
    }
  }

  /**
   * The listener container of a channel's lane: {@code sms-sender-critical}, … {@code sms-sender}.
   */
  public static String listenerId(Channel channel, Lane lane) {
    var base = channel.name().toLowerCase() + "-sender";
    return lane == Lane.STANDARD ? base : base + "-" + lane.name().toLowerCase();
  }

  /**
   * Records per poll of a lane: the CRITICAL lane takes the consumer's default; lower lanes about
   * half a second of the channel's configured rate, so a higher lane never waits long for the batch
   * in flight.
   */
  public int batchSize(String channel, String lane) {
    var perSecond = settings.perSecond(Channel.valueOf(channel));
    if (Lane.valueOf(lane) == Lane.CRITICAL || perSecond <= 0) {
      return 500;
    }
    return Math.max(1, perSecond / 2);
  }

  /** Sends one poll of a lane, keeping its busy state for the gate. */
  public void handle(
      Lane lane,
      List<ConsumerRecord<String, Object>> records,
      Consumer<?, ?> consumer,
      ChannelProvider provider) {
    var state = lanes[provider.channel().ordinal()][lane.ordinal()];
    state.inFlight.incrementAndGet();
    state.lastBusy.set(System.nanoTime());
    try {
      pipeline.handle(records, provider);
    } finally {
      var behind = lagOf(consumer);
      state.backlog.set(behind);
      state.lastBusy.set(System.nanoTime());
      state.inFlight.decrementAndGet();
    }
  }

  private static long lagOf(Consumer<?, ?> consumer) {
    if (consumer == null) {
      return 0;
    }
    var behind = 0L;
    for (var partition : consumer.assignment()) {
      behind += consumer.currentLag(partition).orElse(0);
    }
    return behind;
  }

  boolean busy(Channel channel, Lane lane) {
    var state = lanes[channel.ordinal()][lane.ordinal()];
    return state.inFlight.get() > 0 || System.nanoTime() - state.lastBusy.get() < quietNanos;
  }

  /** Pauses every lane below a busy one, resumes the rest. */
  void enforceOrder() {
    for (var channel : Channel.values()) {
      for (var lane : Lane.values()) {
        var wait = lane.higher().stream().anyMatch(higher -> busy(channel, higher));
        var state = lanes[channel.ordinal()][lane.ordinal()];
        var container = registry.getListenerContainer(listenerId(channel, lane));
        if (container == null || !container.isRunning()) {
          continue;
        }
        if (wait && !state.paused) {
          container.pause();
          state.paused = true;
          log.debug("{} {} lane paused behind a busier lane", channel, lane);
        } else if (!wait && state.paused) {
          state.lastBusy.set(System.nanoTime());
          container.resume();
          state.paused = false;
          log.debug("{} {} lane resumed", channel, lane);
        }
      }
    }
  }

  @Override
  public void start() {
    gate =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              var thread = new Thread(r, "sender-lanes");
              thread.setDaemon(true);
              return thread;
            });
    gate.scheduleWithFixedDelay(
        () -> {
          try {
            enforceOrder();
          } catch (RuntimeException e) {
            log.warn("could not apply the lane order; trying again", e);
          }
        },
        CHECK_EVERY.toMillis(),
        CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (gate != null) {
      gate.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return gate != null && !gate.isShutdown();
  }

  private static final class LaneState {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong lastBusy = new AtomicLong(System.nanoTime() - Duration.ofHours(1).toNanos());
    final AtomicLong backlog = new AtomicLong();
    volatile boolean paused;
  }
}
