package alerting.contacts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.events.DeadLetterReason;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record no one can read goes to its dead-letter topic as the bytes it came as, and the consumer
 * goes on with the next one, instead of retrying it for ever.
 */
class UnreadableRecordsTest extends ContactServiceTest {

  @Test
  void aTruncatedNoticeIsDeadLetteredAsItsBytesAndTheNextNoticeIsStored() throws Exception {
    var tenant = newTenant();
    var garbage = "{\"type\":\"notice-published.v1\",\"noticeId\":\"" + UUID.randomUUID();
    sendRaw(Topics.NOTICES.name(), tenant, garbage);
    var notice =
        new NoticePublished(
            UUID.randomUUID(),
            Instant.now(),
            "n-" + UUID.randomUUID(),
            tenant,
            "inc-1",
            IncidentKind.PRODUCT_RECOMMENDATION,
            Severity.LOW,
            "After the broken one",
            "",
            null);
    try (var producer =
        new KafkaProducer<>(
            new HashMap<>(SharedKafka.producerProps()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.NOTICES.name(), tenant, notice)).get();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> call("GET", "/api/tenants/" + tenant + "/notices", adminOf(tenant), null).body(),
            body -> body.contains("After the broken one"));
    assertThat(deadLettered(Topics.NOTICES.deadLetter())).contains(garbage);
    assertThat(reasons(Topics.NOTICES.deadLetter()))
        .anyMatch(reason -> reason.startsWith("value is not valid JSON (unexpected end of input"));
  }

  @Test
  void aTruncatedAckIsDeadLetteredAndTheConfirmationConsumerMovesOn() throws Exception {
    var garbage = "{\"type\":\"alert-acknowledged.v1\",\"alertId\":\"" + UUID.randomUUID();
    var key = "alert-" + UUID.randomUUID();
    var offset = sendRaw(Topics.ACKS.name(), key, garbage);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadLettered(Topics.ACKS.deadLetter()).contains(garbage));
    try (var admin =
        AdminClient.create(
            Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                var committed =
                    admin
                        .listConsumerGroupOffsets("contact-service-confirmations")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(offset.partition);
                return committed != null && committed.offset() > offset.offset;
              });
    }
  }

  private record Position(TopicPartition partition, long offset) {}

  private static Position sendRaw(String topic, String key, String value) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            new HashMap<>(SharedKafka.producerProps()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      var sent =
          producer
              .send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
              .get();
      return new Position(new TopicPartition(sent.topic(), sent.partition()), sent.offset());
    }
  }

  private static List<String> deadLettered(String topic) {
    return read(topic).stream()
        .map(r -> r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<String> reasons(String topic) {
    return read(topic).stream()
        .map(r -> r.headers().lastHeader(DeadLetterReason.HEADER))
        .filter(java.util.Objects::nonNull)
        .map(h -> new String(h.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> read(
      String topic) {
    var props = SharedKafka.consumerProps("dlt-reader-" + UUID.randomUUID());
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      var records =
          new java.util.ArrayList<
              org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>();
      var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records;
    }
  }
}
