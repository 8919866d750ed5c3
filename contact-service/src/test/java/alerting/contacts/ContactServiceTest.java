package alerting.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a client sees it: real HTTP with real signed tokens, a real broker, the embedded
 * database. Each test makes its own tenant, so tests don't see each other's data.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=contact-service",
      "spring.datasource.url=jdbc:h2:mem:contact-service-test;DB_CLOSE_DELAY=-1",
      "alerting.contacts.requests.poll-interval=100ms",
      "alerting.contacts.support-access.signing-link-keys.s1=" + ContactServiceTest.SIGNING_KEY
    })
public abstract class ContactServiceTest {
  /** Opens the signing links of support-access confirmations, as the dispatcher seals them. */
  protected static final String SIGNING_KEY = "test-signing-link-key-for-contact-service";

  protected static final LocalIdentityProvider identity = LocalIdentityProvider.start(0);
  protected static final HttpClient http = HttpClient.newHttpClient();
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  protected int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", identity::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", identity::issuer);
    // a scheduled drill would send the tests' tenants messages they do not expect; the schedule's
    // own test calls it with the moment it wants
    registry.add("alerting.contacts.verification.scheduled", () -> "false");
  }

  protected record Answer(int status, String body, String contentType) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      return JSON.readValue(body, Map.class);
    }
  }

  /** A fresh tenant with an admin (grace), a user (ada) and a second user (bob). */
  protected String newTenant() {
    var tenantId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    var platform = identity.token("platform", "Platform", null, "PLATFORM");
    assertThat(
            call(
                    "POST",
                    "/internal/tenants",
                    platform,
                    "{\"tenantId\":\"%s\",\"name\":\"Acme %s\"}".formatted(tenantId, tenantId))
                .status())
        .isEqualTo(201);
    for (var user :
        new String[][] {
          {"grace", "Grace Hopper", "true"},
          {"ada", "Ada Lovelace", "false"},
          {"bob", "Bob Builder", "false"}
        }) {
      var body =
          "{\"userId\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@%s.example\",\"tenantAdmin\":%s}"
              .formatted(user[0], user[1], user[0], tenantId, user[2]);
      assertThat(call("POST", "/internal/tenants/" + tenantId + "/users", platform, body).status())
          .isEqualTo(201);
    }
    return tenantId;
  }

  protected String adminOf(String tenantId) {
    return identity.token("grace", "Grace Hopper", tenantId, "TENANT_ADMIN");
  }

  protected String userOf(String tenantId) {
    return identity.token("ada", "Ada Lovelace", tenantId, "TENANT_USER");
  }

  protected Answer call(String method, String path, String token, String json) {
    return send(
        method,
        path,
        token,
        json,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
  }

  /** As {@link #call}, the body sent chunked: a stream has no Content-Length to declare. */
  protected Answer callChunked(String method, String path, String token, String json) {
    return send(
        method,
        path,
        token,
        json,
        HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
  }

  private Answer send(
      String method, String path, String token, String json, HttpRequest.BodyPublisher body) {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).method(method, body);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
