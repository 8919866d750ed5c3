package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.events.AlertState;
import alerting.events.EventSerde;
import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.SentSms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the system tests do to a running local stack and read from it, as people and operators
 * would: its APIs with a person's token, the mail and texts it sent, and the alert states it
 * published (read from {@code alerts.state.v1} with the caller's Kafka client settings).
 */
final class StackClient implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final LocalStack stack;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AlertState> states = new CopyOnWriteArrayList<>();
  private final Thread stateReader;
  private volatile boolean reading = true;

  /**
   * {@code kafkaClient}: the bootstrap servers and, on a secured broker, the credentials to read
   * with.
   */
  StackClient(LocalStack stack, Map<String, Object> kafkaClient) {
    this.stack = stack;
    this.stateReader = new Thread(() -> readAlertStates(kafkaClient), "alert-state-reader");
    stateReader.start();
  }

  /** Every alert state published since the client started, in order. */
  List<AlertState> states() {
    return states;
  }

  String responder() {
    return stack.identity().token("rita", "Rita Responder", null, "RESPONDER");
  }

  String createTenantWithContact(String tenantId, String email, String phone) throws Exception {
    return createTenantWithContact(tenantId, email, phone, "SMS");
  }

  /**
   * A tenant with its admin Ada as Primary Security contact on email and {@code phoneChannel}, made
   * through contact-service's APIs; returns once the dispatcher's view has the tenant.
   */
  String createTenantWithContact(String tenantId, String email, String phone, String phoneChannel)
      throws Exception {
    var platform = stack.identity().token("platform", "Platform", null, "PLATFORM");
    var contacts = stack.ports().contactService();
    post(
        contacts,
        "/internal/tenants",
        platform,
        Map.of("tenantId", tenantId, "name", "Acme Corp"),
        201);
    addUser(tenantId, "ada", "Ada Lovelace", email);
    var admin = stack.identity().token("ada", "Ada Lovelace", tenantId, "TENANT_ADMIN");
    var added =
        post(
            contacts,
            "/api/tenants/" + tenantId + "/contacts",
            admin,
            Map.of(
                "personId",
                "ada",
                "title",
                "CISO",
                "roles",
                List.of("PRIMARY_SECURITY"),
                "methods",
                List.of(
                    Map.of("channel", "EMAIL", "address", email),
                    Map.of("channel", phoneChannel, "address", phone))),
            201);
    // dispatch reads contacts from its own Kafka-backed view: wait until the snapshot reached it
    var directory = stack.service("alert-dispatcher").getBean(ContactDirectory.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> directory.tenant(tenantId).isPresent());
    @SuppressWarnings("unchecked")
    var contact = (Map<String, Object>) added.get("contact");
    return (String) contact.get("contactId");
  }

  /** Alert mails only: adding a contact also mails them a change notification. */
  /** Another admin of the tenant, {@code userId@<tenant>.example}; returns that address. */
  String addAdmin(String tenantId, String userId, String displayName) throws Exception {
    var email = userId + "@" + tenantId + ".example";
    addUser(tenantId, userId, displayName, email);
    return email;
  }

  private void addUser(String tenantId, String userId, String displayName, String email)
      throws Exception {
    var platform = stack.identity().token("platform", "Platform", null, "PLATFORM");
    post(
        stack.ports().contactService(),
        "/internal/tenants/" + tenantId + "/users",
        platform,
        Map.of("userId", userId, "displayName", displayName, "email", email, "tenantAdmin", true),
        201);
  }

  List<CaughtMail> mailsTo(String address) {
    return stack.mail().messages().stream()
        .filter(m -> m.to().contains(address))
        .filter(m -> !m.subject().startsWith("Security contacts of"))
        .toList();
  }

  List<SentSms> smsTo(String phone) {
    return stack.twilio().messages().stream().filter(m -> m.to().equals(phone)).toList();
  }

  static String firstMatch(Pattern pattern, String text) {
    var matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
    return matcher.group(1);
  }

  /** POSTs JSON as the responder. */
  Map<String, Object> post(int port, String path, Map<String, Object> body, int expectedStatus)
      throws Exception {
    return post(port, path, responder(), body, expectedStatus);
  }

  Map<String, Object> post(
      int port, String path, String token, Map<String, Object> body, int expectedStatus)
      throws Exception {
    return json(call("POST", port, path, token, JSON.writeValueAsString(body)), expectedStatus);
  }

  /** GETs JSON as the responder. */
  Map<String, Object> get(int port, String path) throws Exception {
    return get(port, path, responder());
  }

  Map<String, Object> get(int port, String path, String token) throws Exception {
    return json(call("GET", port, path, token, null), 200);
  }

  HttpResponse<String> call(String method, int port, String path, String token, String json)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A plain GET without a token, e.g. of a public or actuator page. */
  HttpResponse<String> fetch(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readValue(response.body(), Map.class);
  }

  private void readAlertStates(Map<String, Object> kafkaClient) {
    var props = new HashMap<>(kafkaClient);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new EventSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.ALERT_STATE.name()));
      while (reading) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  if (r.value() instanceof AlertState state) {
                    states.add(state);
                  }
                });
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    reading = false;
    stateReader.join(5_000);
  }
}
