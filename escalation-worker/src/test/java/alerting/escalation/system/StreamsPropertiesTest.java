package alerting.escalation.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class StreamsPropertiesTest {
  private static final Map<String, Object> BROKER =
      Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");

  private static WorkerSettings settings(String instanceId) {
    return new WorkerSettings(
        new WorkerSettings.Streams(
            "escalation-worker",
            instanceId,
            Path.of("data/x"),
            1,
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            true,
            Duration.ofSeconds(4),
            1),
        new WorkerSettings.Timers(
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofDays(8)),
        new WorkerSettings.TopicSettings((short) 1, true));
  }

  @Test
  void runsExactlyOnceWithStaticMembership() {
    var props = StreamsProperties.of(settings("worker-a"), BROKER, "8083");

    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("worker-a");
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    assertThat(new StreamsConfig(props).getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("broker:9092");
  }

  @Test
  void aKilledInstancesTasksMoveAfterTheSessionToAnInstanceKeepingThemWarm() {
    var config = new StreamsConfig(StreamsProperties.of(settings("worker-a"), BROKER, "8083"));

    assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
    var consumer = config.getMainConsumerConfigs("group", "client", 0);
    assertThat(consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(10_000);
    assertThat(consumer.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(3_333);
  }

  @Test
  void compressesWhatItWritesSoRestoresAreQuick() {
    var config = new StreamsConfig(StreamsProperties.of(settings("worker-a"), BROKER, "8083"));

    assertThat(config.getProducerConfigs("client").get("compression.type")).isEqualTo("lz4");
    assertThat(config.getRestoreConsumerConfigs("client").get("max.poll.records"))
        .isEqualTo(10_000);
    assertThat(config.getProducerConfigs("client").get("transaction.timeout.ms")).isEqualTo(4000);
  }

  @Test
  void everyClientOfTheStreamsAuthenticatesAsSpringKafkaSays() {
    var kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of("broker:9093"));
    kafka.getSecurity().setProtocol("SASL_SSL");
    kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
    kafka
        .getProperties()
        .put(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"w\" password=\"p\";");
    kafka.getStreams().setApplicationId("not-the-workers");

    var config =
        new StreamsConfig(
            StreamsProperties.of(settings("worker-a"), kafka.buildStreamsProperties(), "8083"));

    assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("escalation-worker");
    assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("broker:9093");
    for (var client :
        List.of(
            config.getMainConsumerConfigs("g", "c", 0),
            config.getRestoreConsumerConfigs("c"),
            config.getProducerConfigs("c"),
            config.getAdminConfigs("c"))) {
      assertThat(client)
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsKey("sasl.jaas.config");
    }
  }

  @Test
  void blankInstanceIdIsDerivedFromHostAndPort() {
    var props = StreamsProperties.of(settings(" "), BROKER, "8099");

    assertThat((String) props.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).endsWith("-8099");
  }
}
