package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.Topic;
import alerting.events.Topic.CleanupPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {
  private static final Topic TOPIC = new Topic("restart-check.v1", "key", 1, CleanupPolicy.DELETE);

  @TempDir Path dataDir;

  @Test
  void keepsRecordsWhenRestartedOnTheSameDirectory() throws Exception {
    int port;
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0)) {
      port = Integer.parseInt(broker.bootstrapServers().substring("localhost:".length()));
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(TOPIC.newTopic((short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
        producer.send(new ProducerRecord<>(TOPIC.name(), "alert-1", "still here")).get();
      }
    }

    try (LocalKafkaBroker restarted = LocalKafkaBroker.start(dataDir, port)) {
      assertThat(readAll(restarted))
          .extracting(ConsumerRecord::value)
          .containsExactly("still here");
    }
  }

  @Test
  void formatsTheDataDirectoryOnFirstStartOnly() {
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0)) {
      assertThat(dataDir.resolve("meta.properties")).exists();
    }
  }

  @Test
  void appliesTheCallersBrokerSettingsOnTopOfTheDefaults() throws Exception {
    var setting = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, Map.of(setting, "1000"));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      var node = new ConfigResource(ConfigResource.Type.BROKER, "1");
      var config = admin.describeConfigs(List.of(node)).all().get().get(node);
      assertThat(config.get(setting).value()).isEqualTo("1000");
      assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
    }
  }

  private static Map<String, Object> producerProps(LocalKafkaBroker broker) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        StringSerializer.class);
  }

  private static List<ConsumerRecord<String, String>> readAll(LocalKafkaBroker broker) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(TOPIC.name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
    }
    return records;
  }
}
