package alerting.dispatcher.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.events.EventJson;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's contacts view on a real broker: an all-tenants answer is never a partial one.
 */
class ContactDirectoryTest {
  private static final String TENANT = "directory-" + UUID.randomUUID();

  @BeforeAll
  static void aSnapshotIsOnTheTopic() throws Exception {
    SharedKafka.createTopics(List.of(Topics.CONTACTS_SNAPSHOTS));
    var snapshot =
        new TenantContacts(
            UUID.randomUUID(), Instant.now(), TENANT, "Directory Ltd", 1, List.of(), List.of());
    try (var producer =
        new KafkaProducer<String, byte[]>(
            Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CONTACTS_SNAPSHOTS.name(), TENANT, EventJson.write(snapshot)))
          .get();
    }
  }

  @Test
  void allTenantsRefusesToAnswerFromAViewThatHasNotReadTheTopicToItsEnd() {
    // the replay is never started: the view stays behind the topic, as under a slow start-up
    try (var replays = replays()) {
      var directory = new ContactDirectory(replays, Duration.ofMillis(200));

      assertThatThrownBy(directory::allTenants)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(Topics.CONTACTS_SNAPSHOTS.name())
          .hasMessageContaining("all-tenants incident would miss");
    }
  }

  @Test
  void allTenantsAnswersEveryTenantOnTheTopicOnceTheViewHasCaughtUp() {
    try (var replays = replays()) {
      var directory = new ContactDirectory(replays, Duration.ofSeconds(30));
      replays.start();

      assertThat(directory.allTenants()).extracting(TenantContacts::tenantId).contains(TENANT);
    }
  }

  private static ReplayedTopics replays() {
    return new ReplayedTopics(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
  }
}
