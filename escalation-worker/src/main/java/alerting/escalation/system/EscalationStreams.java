package alerting.escalation.system;

import alerting.escalation.topology.BacklogProbe;
import alerting.escalation.topology.DeadLetteringDeserializationHandler;
import alerting.escalation.topology.EscalationMetrics;
import alerting.escalation.topology.EscalationTopology;
import alerting.events.Topic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/** Starts the streams client once the topics exist and are co-partitioned; closes it on stop. */
final class EscalationStreams implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(EscalationStreams.class);

  /** How long learning one task's backlog may take before that task falls back to the grace. */
  private static final Duration BACKLOG_PROBE_PATIENCE = Duration.ofSeconds(30);

  private final WorkerSettings settings;
  private final Properties properties;
  private final KafkaAdmin admin;
  private final MeterRegistry registry;
  private final EscalationMetrics metrics;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private BacklogProbe backlogProbe;

  EscalationStreams(
      WorkerSettings settings, Properties properties, KafkaAdmin admin, MeterRegistry registry) {
    this.settings = settings;
    this.properties = properties;
    this.admin = admin;
    this.registry = registry;
    this.metrics = new EscalationMetrics(registry);
    // what the "worker not RUNNING" alerting rule reads; 0 before the start and after the stop
    Gauge.builder(
            "alerting.escalation.streams.running",
            this,
            self -> self.state().filter(s -> s == KafkaStreams.State.RUNNING).isPresent() ? 1 : 0)
        .description(
            "1 while this worker's Kafka Streams client is RUNNING (processing and firing timers),"
                + " 0 while it is starting, rebalancing, failed or stopped")
        .register(registry);
  }

  @Override
  public void start() {
    verifyCoPartitioning();
    backlogProbe =
        new BacklogProbe(
            admin.getConfigurationProperties(),
            settings.streams().applicationId(),
            EscalationTopology.INPUTS,
            BACKLOG_PROBE_PATIENCE,
            registry);
    var topology =
        EscalationTopology.build(
            metrics,
            settings.timers().punctuationInterval(),
            settings.timers().catchUpGrace(),
            settings.timers().endedAlertRetention(),
            backlogProbe);
    var config = new Properties();
    config.putAll(properties);
    config.put(DeadLetteringDeserializationHandler.METER_REGISTRY, registry);
    var client = new KafkaStreams(topology, config);
    client.setUncaughtExceptionHandler(
        exception -> {
          log.error("Escalation stream thread failed; replacing it", exception);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streamsMetrics = new KafkaStreamsMetrics(client);
    streamsMetrics.bindTo(registry);
    client.start();
    streams = client;
    log.info("Escalation streams started as {}", properties.get("group.instance.id"));
  }

  private void verifyCoPartitioning() {
    CoPartitioning.verify(
        admin,
        EscalationTopology.INPUTS.stream().map(Topic::name).toList(),
        Duration.ofSeconds(10));
  }

  @Override
  public void stop() {
    var client = streams;
    if (client == null) {
      return;
    }
    if (!client.close(settings.streams().closeTimeout())) {
      log.warn("Escalation streams did not close within {}", settings.streams().closeTimeout());
    }
    streamsMetrics.close();
    backlogProbe.close();
    streams = null;
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  @Override
  public boolean isAutoStartup() {
    return settings.streams().autoStartup();
  }

  /** The client's state, or empty while it has not been started. */
  Optional<KafkaStreams.State> state() {
    return Optional.ofNullable(streams).map(KafkaStreams::state);
  }
}
