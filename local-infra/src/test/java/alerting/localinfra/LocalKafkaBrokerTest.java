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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {
  private static final Topic TOPIC = new Topic("restart-check.v1", "key", 1, CleanupPolicy.DELETE);

  @TempDir Path dataDir;

  /**
   * A broker in this JVM that meets a fatal fault halts the process (Kafka's fault handler calls
   * {@code Exit.halt}), which took the whole test JVM down in CI with nothing in the report: here
   * it fails the test that caused it instead.
   */
  @BeforeAll
  static void brokersDoNotHaltTheTestJvm() {
    Exit.setHaltProcedure(
        (code, message) -> {
          throw new IllegalStateException("a broker halted (" + code + "): " + message);
        });
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("a broker exited (" + code + "): " + message);
        });
  }

  @AfterAll
  static void resetExit() {
    Exit.resetHaltProcedure();
    Exit.resetExitProcedure();
  }

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

  @Test
  void runsAsAThreeNodeClusterThatKeepsTakingWritesWithOneNodeDown() throws Exception {
    var nodes =
        List.of(
            new LocalKafkaBroker.ClusterNode(1, FreePorts.next(), FreePorts.next()),
            new LocalKafkaBroker.ClusterNode(2, FreePorts.next(), FreePorts.next()),
            new LocalKafkaBroker.ClusterNode(3, FreePorts.next(), FreePorts.next()));
    var clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
    // a node takes clients only once a majority of controllers runs: start them side by side
    var starting =
        nodes.stream()
            .map(
                n ->
                    CompletableFuture.supplyAsync(
                        () ->
                            LocalKafkaBroker.startClusterNode(
                                dataDir.resolve("node-" + n.nodeId()),
                                clusterId,
                                nodes,
                                n.nodeId(),
                                // the last node stopping has no controller quorum left to let it
                                // go: it must not wait for one (in CI it waited past 120 s)
                                Map.of("controlled.shutdown.enable", "false"))))
            .toList();
    var brokers = new ArrayList<LocalKafkaBroker>();
    for (var node : starting) {
      brokers.add(node.get(120, TimeUnit.SECONDS));
    }
    var bootstrap = LocalKafkaBroker.bootstrapServers(nodes);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(TOPIC.newTopic((short) 3))).all().get();
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC.name());
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      assertThat(admin.describeCluster().nodes().get()).hasSize(3);

      brokers.get(0).close();

      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap))) {
        producer.send(new ProducerRecord<>(TOPIC.name(), "alert-1", "two of three")).get();
      }
    } finally {
      // side by side: a node stopping alone after the others waits for a controller quorum
      CompletableFuture.allOf(
              brokers.stream()
                  .map(b -> CompletableFuture.runAsync(b::close))
                  .toArray(CompletableFuture[]::new))
          .get(120, TimeUnit.SECONDS);
    }
  }

  private static Map<String, Object> producerProps(LocalKafkaBroker broker) {
    return producerProps(broker.bootstrapServers());
  }

  private static Map<String, Object> producerProps(String bootstrap) {
    return Map.of(
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
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
