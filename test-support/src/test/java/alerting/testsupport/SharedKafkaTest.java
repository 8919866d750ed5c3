package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.Topic;
import alerting.events.Topic.CleanupPolicy;
import alerting.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class SharedKafkaTest {

  @Test
  void startsOneBrokerPerJvm() {
    assertThat(SharedKafka.bootstrapServers())
        .isNotBlank()
        .isSameAs(SharedKafka.bootstrapServers());
  }

  @Test
  void createsCatalogueTopicsWithTheirPartitionsAndCleanupPolicyAndToleratesExistingOnes()
      throws Exception {
    SharedKafka.createTopics(Topics.ALL);
    SharedKafka.createTopics(List.of(Topics.ALERT_STATE));

    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
      TopicDescription state =
          admin
              .describeTopics(Set.of(Topics.ALERT_STATE.name()))
              .allTopicNames()
              .get()
              .get(Topics.ALERT_STATE.name());
      ConfigResource resource =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERT_STATE.name());
      String policy =
          admin
              .describeConfigs(Set.of(resource))
              .all()
              .get()
              .get(resource)
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();

      assertThat(state.partitions()).hasSize(Topics.ALERT_PARTITIONS);
      assertThat(policy).isEqualTo("compact");
      assertThat(admin.listTopics().names().get())
          .containsAll(Topics.ALL.stream().map(Topic::name).toList());
    }
  }

  @Test
  void supportsTransactionsOnASingleNode() {
    Topic topic = new Topic("shared-kafka-tx.v1", "key", 1, CleanupPolicy.DELETE);
    SharedKafka.createTopics(List.of(topic));
    Map<String, Object> producerProps = SharedKafka.producerProps();
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shared-kafka-test-tx");

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic.name(), "k", "committed"));
      producer.commitTransaction();
    }

    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(SharedKafka.consumerProps("tx-reader"))) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
              });
    }
    assertThat(values).containsExactly("committed");
  }
}
