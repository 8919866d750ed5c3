package alerting.contacts.securitycontacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.EventSerde;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.testkit.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=contact-service",
    "spring.datasource.url=jdbc:h2:mem:contacts-api-test;DB_CLOSE_DELAY=-1"})
class SecurityContactsApiTest {
  static final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
  }

  @Test
  void addingAContactPublishesTheTenantsFullSnapshotWithMethodsInOrderAndPhonesInE164() throws Exception {
    var tenantId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(post("/api/tenants", "{\"tenantId\":\"%s\",\"name\":\"Acme\"}".formatted(tenantId)).statusCode())
        .isEqualTo(201);
    var added = post("/api/tenants/" + tenantId + "/contacts", """
        {"displayName":"Ada","title":"CISO","roles":["primary_security"],
         "methods":[{"channel":"EMAIL","address":"ada@acme.example"},
                    {"channel":"SMS","address":"(415) 555-0100"}]}""");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

    var snapshot = await().atMost(Duration.ofSeconds(20)).until(() -> latestSnapshot(tenantId), s -> s != null);
    assertThat(snapshot.tenantName()).isEqualTo("Acme");
    assertThat(snapshot.contacts()).singleElement().satisfies(c -> {
      assertThat(c.roles()).containsExactly(ContactRole.PRIMARY_SECURITY);
      assertThat(c.methods()).containsExactly(new ContactMethod(Channel.EMAIL, "ada@acme.example"),
          new ContactMethod(Channel.SMS, "+14155550100"));
    });
  }

  @Test
  void aContactWithABadPhoneNumberIsRefusedWithAProblemDetailSayingWhy() throws Exception {
    var tenantId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    post("/api/tenants", "{\"tenantId\":\"%s\",\"name\":\"Acme\"}".formatted(tenantId));
    var response = post("/api/tenants/" + tenantId + "/contacts", """
        {"displayName":"Ada","roles":["PRIMARY_SECURITY"],"methods":[{"channel":"SMS","address":"12"}]}""");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body()).contains("phone number", "12");
  }

  @Test
  void contactsOfAnUnknownTenantAreNotFound() throws Exception {
    var response = post("/api/tenants/nobody/contacts", """
        {"displayName":"Ada","roles":["PRIMARY_SECURITY"],"methods":[{"channel":"EMAIL","address":"a@b.example"}]}""");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no tenant nobody");
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static TenantContacts latestSnapshot(String tenantId) {
    var props = new java.util.HashMap<String, Object>(SharedKafka.consumerProps("snap-" + UUID.randomUUID()));
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new EventSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.CONTACTS_SNAPSHOTS.name()));
      var found = new ArrayList<TenantContacts>();
      for (var i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (tenantId.equals(r.key()) && r.value() instanceof TenantContacts s) {
            found.add(s);
          }
        });
      }
      return found.isEmpty() ? null : found.get(found.size() - 1);
    }
  }
}
