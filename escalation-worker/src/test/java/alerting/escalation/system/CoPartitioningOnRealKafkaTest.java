package alerting.escalation.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.events.Topic;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/** The start-up check asks the real broker, with topics of this test only. */
class CoPartitioningOnRealKafkaTest {
  /** Long enough for a topic created a moment ago to be described. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final String prefix = "copartitioning-" + UUID.randomUUID() + "-";
  private final KafkaAdmin admin =
      new KafkaAdmin(
          Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));

  private String topic(String name, int partitions) {
    var topic = new Topic(prefix + name, "alertId", partitions, Topic.CleanupPolicy.DELETE);
    SharedKafka.createTopics(List.of(topic));
    return topic.name();
  }

  @Test
  void inputsWithEqualPartitionCountsPass() {
    var topics = List.of(topic("alerts", 6), topic("acks", 6));

    assertThatCode(() -> CoPartitioning.verify(admin, topics, PATIENCE)).doesNotThrowAnyException();
  }

  @Test
  void inputsWithDifferentPartitionCountsStopTheStartWithEveryCount() {
    var alerts = topic("alerts", 6);
    var acks = topic("acks", 3);

    assertThatThrownBy(() -> CoPartitioning.verify(admin, List.of(alerts, acks), PATIENCE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("co-partitioned")
        .hasMessageContaining(acks + "=3, " + alerts + "=6");
  }

  @Test
  void missingInputTopicStopsTheStartNamingTheTopics() {
    var alerts = topic("alerts", 6);
    var missing = prefix + "never-created";

    assertThatThrownBy(
            () -> CoPartitioning.verify(admin, List.of(alerts, missing), Duration.ofMillis(500)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("UnknownTopicOrPartition");
  }
}
