package alerting.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.EventJson;
import alerting.events.IncidentKind;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import alerting.events.Topic;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Replays on a real broker: start-up does not wait for them, readiness does. */
class ReplayedTopicsTest {

  @Test
  void twoViewsOfOneTopicShareOneReplayAndReadinessWaitsUntilBothHaveReadTheTopic()
      throws Exception {
    var topic = new Topic("replay-test-" + UUID.randomUUID(), "id", 2, Topic.CleanupPolicy.DELETE);
    SharedKafka.createTopics(List.of(topic));
    var event =
        new NoticePublished(
            UUID.randomUUID(),
            Instant.now(),
            "n-1",
            "acme",
            null,
            IncidentKind.PRODUCT_RECOMMENDATION,
            Severity.LOW,
            "Rotate keys",
            "",
            null);
    try (var producer =
        new KafkaProducer<String, byte[]>(
            Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "a", EventJson.write(event))).get();
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), "b", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .get();
      producer.send(new ProducerRecord<>(topic.name(), "c", null)).get();
    }
    var first = new ConcurrentHashMap<String, String>();
    var second = new ConcurrentHashMap<String, String>();
    try (var replays =
        new ReplayedTopics(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "ignored-by-replays"))) {
      var one =
          replays.follow(
              topic,
              (key, e) -> first.put(key, e == null ? "tombstone" : e.getClass().getSimpleName()));
      var two =
          replays.follow(topic, (key, e) -> second.put(key, e == null ? "tombstone" : "event"));
      assertThat(two).as("one replay per topic").isSameAs(one);
      assertThat(replays.isCaughtUp()).isFalse();

      replays.start();

      assertThat(one.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(replays::isCaughtUp);
      assertThat(replays.catchingUp()).isEmpty();
      assertThat(first)
          .containsEntry("a", event.getClass().getSimpleName())
          .containsEntry("c", "tombstone")
          .doesNotContainKey("b");
      assertThat(second).containsOnlyKeys("a", "c");
    }
  }
}
