package alerting.localinfra;

import java.util.Map;

/** Broker settings that let transactions and exactly-once Kafka Streams work on one node. */
public final class SingleNodeKafka {
  private SingleNodeKafka() {}

  public static Map<String, String> brokerProperties() {
    return Map.of(
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        "offsets.topic.replication.factor", "1",
        "share.coordinator.state.topic.replication.factor", "1",
        "share.coordinator.state.topic.min.isr", "1",
        "default.replication.factor", "1",
        "min.insync.replicas", "1",
        "group.initial.rebalance.delay.ms", "0");
  }
}
