package alerting.contacts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceApplication;
import alerting.contacts.TopicProbe;
import alerting.events.ContactAdded;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change committed while the broker is unreachable is not lost: its publications stay in the
 * registry, and the next start of the service publishes them.
 */
class OutboxRecoveryTest {
  static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPublicationInterruptedByACrashIsCompletedAfterRestart() throws Exception {
    var database = database();
    var tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    try (var identity = LocalIdentityProvider.start(0)) {
      try (var offline =
          start(
              database,
              identity,
              "localhost:1",
              "--spring.kafka.producer.properties.max.block.ms=500",
              "--spring.kafka.admin.auto-create=false",
              "--spring.kafka.listener.auto-startup=false")) {
        var port = offline.getEnvironment().getProperty("local.server.port");
        var platform = identity.token("platform", "Platform", null, "PLATFORM");
        assertThat(
                post(
                    port,
                    "/internal/tenants",
                    platform,
                    "{\"tenantId\":\"" + tenant + "\",\"name\":\"Acme\"}"))
            .isEqualTo(201);
        assertThat(
                post(
                    port,
                    "/internal/tenants/" + tenant + "/users",
                    platform,
                    "{\"userId\":\"ada\",\"displayName\":\"Ada\",\"email\":\"ada@acme.example\",\"tenantAdmin\":true}"))
            .isEqualTo(201);
        var admin = identity.token("ada", "Ada", tenant, "TENANT_ADMIN");
        assertThat(
                post(
                    port,
                    "/api/tenants/" + tenant + "/contacts",
                    admin,
                    "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"]}"))
            .as("committed without the broker")
            .isEqualTo(201);
        var jdbc = offline.getBean(JdbcClient.class);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    jdbc.sql(
                                "select count(*) from event_publication where completion_date is null and status = 'FAILED'")
                            .query(Integer.class)
                            .single()
                        == 2);
      }
      assertThat(TopicProbe.read(Topics.CONTACTS_CHANGES, tenant))
          .as("nothing reached Kafka yet")
          .isEmpty();

      try (var restarted = start(database, identity, SharedKafka.bootstrapServers())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_CHANGES, tenant, ContactAdded.class),
                l -> l.size() == 1);
        assertThat(TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class))
            .singleElement()
            .satisfies(s -> assertThat(s.contacts()).hasSize(1));
        var jdbc = restarted.getBean(JdbcClient.class);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    jdbc.sql("select count(*) from event_publication where completion_date is null")
                            .query(Integer.class)
                            .single()
                        == 0);
      }
    }
  }

  /** The database both starts of the service use: its settings as command-line arguments. */
  protected List<String> database() {
    return List.of(
        "--spring.datasource.url=jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  private static ConfigurableApplicationContext start(
      List<String> database,
      LocalIdentityProvider identity,
      String bootstrapServers,
      String... extra) {
    var args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + identity.jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + identity.issuer(),
                "--spring.jmx.enabled=false",
                "--management.metrics.use-global-registry=false"));
    args.addAll(database);
    args.addAll(List.of(extra));
    return ContactServiceApplication.builder().run(args.toArray(String[]::new));
  }

  private static int post(String port, String path, String token, String json) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
