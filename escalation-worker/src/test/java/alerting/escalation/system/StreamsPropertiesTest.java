package alerting.escalation.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {
  private static WorkerSettings settings(String instanceId) {
    return new WorkerSettings(
        new WorkerSettings.Streams("escalation-worker", instanceId, Path.of("data/x"), 1,
            Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(10), true,
            Duration.ofSeconds(4)),
        new WorkerSettings.Timers(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofDays(8)),
        new WorkerSettings.TopicSettings((short) 1, true));
  }

  @Test
  void runsExactlyOnceWithStaticMembership() {
    var props = StreamsProperties.of(settings("worker-a"), "broker:9092", "8083");

    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("worker-a");
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    assertThat(new StreamsConfig(props).getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("broker:9092");
  }

  @Test
  void compressesWhatItWritesWithTheCodecEveryClientReadsAndRestoresInLargeBites() {
    var config = new StreamsConfig(StreamsProperties.of(settings("worker-a"), "broker:9092", "8083"));

    // alerts.state.v1 is read by outside tools: a kafkajs consumer reads gzip, not lz4, out of the box
    assertThat(config.getProducerConfigs("client").get("compression.type")).isEqualTo("gzip");
    assertThat(config.getProducerConfigs("client").get("compression.gzip.level")).isEqualTo(1);
    assertThat(config.getRestoreConsumerConfigs("client").get("max.poll.records")).isEqualTo(10_000);
    assertThat(config.getProducerConfigs("client").get("transaction.timeout.ms")).isEqualTo(4000);
  }

  @Test
  void blankInstanceIdIsDerivedFromHostAndPort() {
    var props = StreamsProperties.of(settings(" "), "broker:9092", "8099");

    assertThat((String) props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).endsWith("-8099");
  }
}
