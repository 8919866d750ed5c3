package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuredKafkaBrokerTest {
  @TempDir static Path dataDir;
  static SecuredKafkaBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = SecuredKafkaBroker.start(dataDir.resolve("kafka"));
    var acls = dataDir.resolve("acls.txt");
    Files.writeString(
        acls,
        """
        # the writer alone may write orders
        writer   topic   literal   orders.v1   WRITE
        reader   topic   literal   orders.v1   READ
        reader   topic   literal   returns.v1  WRITE
        """);
    broker.createTopics(
        List.of(new NewTopic("orders.v1", 1, (short) 1), new NewTopic("returns.v1", 1, (short) 1)));
    broker.addUsers(Map.of("writer", "writer-secret", "reader", "reader-secret"));
    broker.grant(KafkaAcls.load(acls));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void aUserWritesWhatItsAclAllows() {
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> send("writer", "writer-secret").offset() >= 0);
  }

  @Test
  void aUserThatWritesElsewhereIsRefusedTheTopic() {
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptionsMatching(e -> !(e.getCause() instanceof TopicAuthorizationException))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> send("reader", "reader-secret"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class));
  }

  @Test
  void aWrongPasswordDoesNotSignIn() {
    assertThatThrownBy(() -> send("writer", "guessed"))
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void aClientWithoutCredentialsIsNotServed() {
    var props =
        new HashMap<String, Object>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                3000));
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders.v1", "k", "v")).get())
          .isInstanceOf(ExecutionException.class);
    }
  }

  private static org.apache.kafka.clients.producer.RecordMetadata send(String user, String password)
      throws Exception {
    var props = new HashMap<String, Object>(broker.clientProperties(user, password));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      var sent = producer.send(new ProducerRecord<>("orders.v1", "k", "v")).get();
      assertThat(sent.topic()).isEqualTo("orders.v1");
      return sent;
    }
  }
}
