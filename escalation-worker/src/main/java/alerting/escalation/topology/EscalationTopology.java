package alerting.escalation.topology;

import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** Builds the worker's topology: alert-keyed inputs → escalation processor → routed outputs. */
public final class EscalationTopology {
  static final String ALERTS_STORE = "escalation-alerts";
  static final String TIMERS_STORE = "escalation-timers";
  private static final String SOURCE = "alert-events";
  private static final String PROCESSOR = "escalation";
  private static final String SINK = "escalation-outputs";

  /** The co-partitioned inputs; their partition counts must agree. */
  public static final List<Topic> INPUTS =
      List.of(Topics.ALERTS, Topics.ACK_TIMEOUTS, Topics.ACKS, Topics.DELIVERY_STATUS);

  private EscalationTopology() {}

  /** Timers fire as soon as they are due, even right after an assignment (for tests). */
  public static Topology build(EscalationMetrics metrics, Duration punctuationInterval) {
    return build(metrics, punctuationInterval, Duration.ZERO);
  }

  /**
   * {@code catchUpGrace}: after an assignment, how long overdue timers may wait for the backlog
   * of the task's partitions to be read first.
   */
  public static Topology build(EscalationMetrics metrics, Duration punctuationInterval,
      Duration catchUpGrace) {
    var serde = new EventSerde();
    var topology = new Topology();
    topology.addSource(SOURCE, Serdes.String().deserializer(), serde.deserializer(),
        INPUTS.stream().map(Topic::name).toArray(String[]::new));
    topology.addProcessor(PROCESSOR, () -> new EscalationProcessor(metrics, punctuationInterval, catchUpGrace),
        SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ALERTS_STORE),
        Serdes.String(), new EscalationSerde()), PROCESSOR);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TIMERS_STORE),
        Serdes.String(), Serdes.String()), PROCESSOR);
    topology.addSink(SINK, new OutputTopics(), Serdes.String().serializer(), serde.serializer(),
        PROCESSOR);
    return topology;
  }
}
