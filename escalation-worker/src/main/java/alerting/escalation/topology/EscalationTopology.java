package alerting.escalation.topology;

import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** Builds the worker's topology: alert-keyed inputs → escalation processor → routed outputs. */
public final class EscalationTopology {
  static final String ALERTS_STORE = "escalation-alerts";
  static final String TIMERS_STORE = "escalation-timers";
  static final String ENDINGS_STORE = "escalation-endings";
  private static final String SOURCE = "alert-events";
  private static final String PROCESSOR = "escalation";
  private static final String SINK = "escalation-outputs";

  /** The co-partitioned inputs; their partition counts must agree. */
  public static final List<Topic> INPUTS =
      List.of(Topics.ALERTS, Topics.ACK_TIMEOUTS, Topics.ACKS, Topics.DELIVERY_STATUS);

  /**
   * The changelogs (compacted, as for every Kafka Streams store) are what a restart reads before
   * the first timer can fire. Each alert is rewritten at every step and each timer is written and
   * then deleted, so most of a changelog is superseded; but the broker compacts only closed
   * segments, and with its 1 GiB default the segment holding them never closes. Small segments (4
   * MiB for alerts, 1 MiB for the far smaller timer records) let it compact as it goes, and the
   * tombstones of fired and cancelled timers go after 10 minutes (far longer than any restore takes
   * to read past them) instead of a day. Applied when Kafka Streams creates the changelog topics;
   * existing ones keep their settings until altered.
   */
  static Map<String, String> changelog(int segmentMebibytes) {
    return Map.of(
        TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(segmentMebibytes * 1024 * 1024),
        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.2",
        TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofMinutes(10).toMillis()));
  }

  private EscalationTopology() {}

  /**
   * The one way to build the topology (the worker's and the tests'). {@code catchUpGrace}: how long
   * due timers wait for what is on the broker to be read when nothing can say what that is. {@code
   * endedRetention}: how long an acknowledged, exhausted or closed alert is kept. {@code
   * backlogProbe}: confirms how far each task has read what is on the broker, which is how far its
   * timers may fire ({@link ReadHorizon}); {@code catchUpGrace} then only applies when the probe
   * fails, or without one (null, where there is no broker).
   */
  public static Topology build(
      EscalationMetrics metrics,
      Duration punctuationInterval,
      Duration catchUpGrace,
      Duration endedRetention,
      BacklogProbe backlogProbe) {
    var serde = new EventSerde();
    var topology = new Topology();
    topology.addSource(
        SOURCE,
        Serdes.String().deserializer(),
        serde.deserializer(),
        INPUTS.stream().map(Topic::name).toArray(String[]::new));
    topology.addProcessor(
        PROCESSOR,
        () ->
            new EscalationProcessor(
                metrics, punctuationInterval, catchUpGrace, backlogProbe, endedRetention),
        SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ALERTS_STORE), Serdes.String(), new EscalationSerde())
            .withLoggingEnabled(changelog(4)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TIMERS_STORE), Serdes.String(), Serdes.String())
            .withLoggingEnabled(changelog(1)),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ENDINGS_STORE), Serdes.String(), Serdes.String())
            .withLoggingEnabled(changelog(1)),
        PROCESSOR);
    // keeps the process id, hence the transactional id, across restarts: see ProcessIdAnchor
    topology.addStateStore(new ProcessIdAnchor.Builder(), PROCESSOR);
    topology.addSink(
        SINK, new OutputTopics(), Serdes.String().serializer(), serde.serializer(), PROCESSOR);
    return topology;
  }
}
