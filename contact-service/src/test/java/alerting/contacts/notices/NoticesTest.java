package alerting.contacts.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class NoticesTest extends ContactServiceTest {

  @Test
  void aBannerFromTheDispatcherIsListedForTheTenantsMembersUntilAnAdminDismissesIt()
      throws Exception {
    var tenant = newTenant();
    var notice =
        new NoticePublished(
            UUID.randomUUID(),
            Instant.now(),
            "n-" + UUID.randomUUID(),
            tenant,
            "inc-1",
            IncidentKind.PRODUCT_RECOMMENDATION,
            Severity.MEDIUM,
            "Turn on MFA",
            "Require MFA for admins",
            null);
    try (var producer =
        new KafkaProducer<>(
            new HashMap<>(SharedKafka.producerProps()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.NOTICES.name(), tenant, notice)).get();
      producer.send(new ProducerRecord<>(Topics.NOTICES.name(), tenant, notice)).get();
    }
    var path = "/api/tenants/" + tenant + "/notices";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> call("GET", path, adminOf(tenant), null).body(), b -> b.contains("Turn on MFA"));
    assertThat(call("GET", path, adminOf(tenant), null).body().split("noticeId"))
        .as("stored once")
        .hasSize(2);
    assertThat(call("GET", path, userOf(tenant), null).body())
        .as("members read the banner too")
        .contains("Turn on MFA");
    assertThat(call("GET", path, adminOf(newTenant()), null).status())
        .as("another tenant's")
        .isEqualTo(404);
    assertThat(
            call("POST", path + "/" + notice.noticeId() + "/dismiss", userOf(tenant), null)
                .status())
        .isEqualTo(403);

    assertThat(
            call("POST", path + "/" + notice.noticeId() + "/dismiss", adminOf(tenant), null)
                .status())
        .isEqualTo(204);
    assertThat(call("GET", path, adminOf(tenant), null).body()).isEqualTo("[]");
    assertThat(call("POST", path + "/nope/dismiss", adminOf(tenant), null).status()).isEqualTo(404);
  }
}
