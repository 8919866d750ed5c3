package alerting.testsupport;

import alerting.events.Topic;
import alerting.localinfra.LocalKafkaBroker;
import alerting.localinfra.SingleNodeKafka;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per JVM, started on first use and stopped when the JVM exits: a
 * Testcontainers {@code apache/kafka} broker when Docker is there, an in-JVM KRaft broker
 * otherwise.
 */
public final class SharedKafka {
  static final String IMAGE = "apache/kafka:4.2.1";
  private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);
  private static String bootstrapServers;

  private SharedKafka() {}

  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = dockerAvailable() ? startContainer() : startInJvm();
    }
    return bootstrapServers;
  }

  /**
   * Creates the catalogue topics that do not exist yet, with their partitions and cleanup policy.
   */
  public static void createTopics(Collection<Topic> topics) {
    createTopics(bootstrapServers(), topics);
  }

  /**
   * Same as {@link #createTopics(Collection)} against any broker, e.g. a {@link LocalKafkaBroker}.
   */
  public static void createTopics(String bootstrapServers, Collection<Topic> topics) {
    List<NewTopic> newTopics = topics.stream().map(t -> t.newTopic((short) 1)).toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      CreateTopicsResult result = admin.createTopics(newTopics);
      for (var future : result.values().values()) {
        awaitIgnoringExisting(future);
      }
    }
  }

  /**
   * Read-committed String consumer reading from the start; a mutable map so callers can override.
   */
  public static Map<String, Object> consumerProps(String groupId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return props;
  }

  /** Idempotent String producer; a mutable map so callers can override. */
  public static Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return props;
  }

  private static void awaitIgnoringExisting(org.apache.kafka.common.KafkaFuture<Void> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (
        Throwable noDocker) { // a missing Docker must mean "use the in-JVM broker", never a failure
      return false;
    }
  }

  /**
   * One node's settings, and timed-out transactions aborted within a second, as docker-compose.yml
   * configures its broker (Kafka's default looks every 10 s), so tests of an aborted transaction
   * need not wait that long.
   */
  static Map<String, String> brokerProperties() {
    var properties = new HashMap<>(SingleNodeKafka.brokerProperties());
    properties.put(LocalKafkaBroker.ABORT_CHECK_INTERVAL, "1000");
    return properties;
  }

  private static String startContainer() {
    KafkaContainer kafka = new KafkaContainer(IMAGE);
    brokerProperties()
        .forEach(
            (key, value) ->
                kafka.withEnv(
                    "KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
    kafka.start();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "shared-kafka-stop"));
    log.info("Shared Kafka: container {} at {}", IMAGE, kafka.getBootstrapServers());
    return kafka.getBootstrapServers();
  }

  private static String startInJvm() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(brokerProperties());
    broker.afterPropertiesSet();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "shared-kafka-stop"));
    log.info("Shared Kafka: in-JVM KRaft broker at {}", broker.getBrokersAsString());
    return broker.getBrokersAsString();
  }
}
