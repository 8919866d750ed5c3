package alerting.systemtests;

import alerting.local.LocalStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.events.AlertIds;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.EventSerde;
import alerting.events.Topics;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.FreePorts;
import alerting.testsupport.KafkaAcls;
import alerting.testsupport.SecuredKafkaBroker;
import alerting.localinfra.SentSms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four services on a broker that authenticates every client (SASL/SCRAM-SHA-512) and denies
 * whatever ops/kafka/acls.txt does not allow, each service signing in as its own principal with
 * nothing but {@code spring.kafka.*} settings: an incident raised by REST is emailed, escalates
 * to SMS, and an SMS reply acknowledges it. And no principal but ack-receiver's may write an
 * acknowledgment, none but contact-service's a contact snapshot.
 */
class SecuredKafkaEndToEndTest {
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  static final List<String> SERVICES = List.of("contact-service", "alert-dispatcher", "escalation-worker", "ack-receiver");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static SecuredKafkaBroker kafka;
  static LocalStack stack;
  static final Map<String, String> passwords = new LinkedHashMap<>();
  static final List<AlertState> states = new CopyOnWriteArrayList<>();
  static Thread stateReader;
  static volatile boolean reading = true;

  @BeforeAll
  static void startTheSystemOnASecuredBroker() {
    kafka = SecuredKafkaBroker.start(dataDir.resolve("kafka"));
    // as docker-compose's init step: the catalogue, one SCRAM user per service, the ACLs of the one file
    kafka.createTopics(Topics.ALL.stream().map(t -> t.newTopic((short) 1)).toList());
    var acls = KafkaAcls.load(ComposeFile.repositoryRoot().resolve("ops/kafka/acls.txt"));
    assertThat(acls.principals()).containsExactlyInAnyOrderElementsOf(SERVICES);
    acls.principals().forEach(p -> passwords.put(p, UUID.randomUUID().toString()));
    kafka.addUsers(passwords);
    kafka.grant(acls);

    var perService = new HashMap<String, Map<String, String>>();
    passwords.forEach((service, password) -> perService.put(service, Map.of(
        "spring.kafka.security.protocol", "SASL_PLAINTEXT",
        "spring.kafka.properties.sasl.mechanism", SecuredKafkaBroker.SCRAM,
        "spring.kafka.properties.sasl.jaas.config", SecuredKafkaBroker.scramJaasConfig(service, password))));
    var ports = new LocalStack.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
        FreePorts.next(), FreePorts.next(), 0, FreePorts.next(), FreePorts.next());
    stack = LocalStack.start(kafka.bootstrapServers(), dataDir, ports, Map.of(
        "alerting.dispatcher.escalation.critical-ack-timeout", ACK_TIMEOUT.toSeconds() + "s",
        "alerting.worker.streams.instance-id", "secured-worker"), perService);
    stateReader = new Thread(SecuredKafkaEndToEndTest::readAlertStates, "alert-state-reader");
    stateReader.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    reading = false;
    if (stateReader != null) {
      stateReader.join(5_000);
    }
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void eachServiceWorksWithItsOwnCredentialsFromIncidentToSmsAcknowledgment() throws Exception {
    var tenantId = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    var email = "ada@" + tenantId + ".example";
    var phone = "+14155550199";
    var contactId = createTenantWithContact(tenantId, email, phone);

    var incident = post(stack.ports().dispatcher(), "/api/incidents", responder(), Map.of(
        "kind", "SECURITY_CONCERN", "severity", "CRITICAL", "title", "Leaked API keys",
        "tenantIds", List.of(tenantId)), 202);
    var alertId = AlertIds.forRecipient((String) incident.get("incidentId"), tenantId, contactId);

    // the dispatcher fanned out and emailed; nobody acknowledges, so the worker escalates to SMS
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email), m -> m.size() == 1);
    var sms = await().atMost(ACK_TIMEOUT.multipliedBy(6)).until(() -> smsTo(phone), s -> s.size() == 1).get(0);
    var replyCode = firstMatch(Pattern.compile("Reply ([A-Z0-9]{4})"), sms.body());

    // the reply goes through ack-receiver, the only principal that may write alerts.acks.v1
    var reply = stack.twilio().replyToSms(phone, sms.from(), "ACK " + replyCode);
    assertThat(reply.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> states.stream().anyMatch(s -> s.alertId().equals(alertId)
        && s.status() == AlertStatus.ACKNOWLEDGED && s.acknowledgment().channel() == Channel.SMS));
    // and the dispatcher's coverage view, rebuilt from alerts.state.v1 with its credentials, says so
    await().atMost(Duration.ofSeconds(20)).until(() -> get(stack.ports().dispatcher(),
        "/api/incidents/" + incident.get("incidentId") + "/alerts").get("totals"),
        totals -> totals instanceof Map<?, ?> t && Integer.valueOf(1).equals(t.get("ACKNOWLEDGED")));
  }

  @Test
  void noPrincipalButAckReceiversMayWriteAcknowledgments() {
    for (var service : List.of("contact-service", "alert-dispatcher", "escalation-worker")) {
      assertThatThrownBy(() -> send(kafka.clientProperties(service, passwords.get(service)), Topics.ACKS.name()))
          .as(service + " writing " + Topics.ACKS.name())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThatThrownBy(() -> send(kafka.clientProperties("mallory", "guessed"), Topics.ACKS.name()))
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void noPrincipalButContactServicesMayWriteContacts() {
    for (var service : List.of("alert-dispatcher", "escalation-worker", "ack-receiver")) {
      assertThatThrownBy(() -> send(kafka.clientProperties(service, passwords.get(service)), Topics.CONTACTS_SNAPSHOTS.name()))
          .as(service + " writing " + Topics.CONTACTS_SNAPSHOTS.name())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  private static void send(Map<String, Object> client, String topic) throws Exception {
    var props = new HashMap<>(client);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "forged", "{}")).get();
    }
  }

  private static String createTenantWithContact(String tenantId, String email, String phone) throws Exception {
    var platform = stack.identity().token("platform", "Platform", null, "PLATFORM");
    var contacts = stack.ports().contactService();
    post(contacts, "/internal/tenants", platform, Map.of("tenantId", tenantId, "name", "Acme Corp"), 201);
    post(contacts, "/internal/tenants/" + tenantId + "/users", platform, Map.of(
        "userId", "ada", "displayName", "Ada Lovelace", "email", email, "tenantAdmin", true), 201);
    var admin = stack.identity().token("ada", "Ada Lovelace", tenantId, "TENANT_ADMIN");
    var added = post(contacts, "/api/tenants/" + tenantId + "/contacts", admin, Map.of(
        "personId", "ada", "title", "CISO", "roles", List.of("PRIMARY_SECURITY"),
        "methods", List.of(Map.of("channel", "EMAIL", "address", email), Map.of("channel", "SMS", "address", phone))), 201);
    // contact-service's snapshot reaches the dispatcher's view, read with the dispatcher's credentials
    var directory = stack.service("alert-dispatcher").getBean(ContactDirectory.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> directory.tenant(tenantId).isPresent());
    @SuppressWarnings("unchecked")
    var contact = (Map<String, Object>) added.get("contact");
    return (String) contact.get("contactId");
  }

  private static String responder() {
    return stack.identity().token("rita", "Rita Responder", null, "RESPONDER");
  }

  private static List<CaughtMail> mailsTo(String address) {
    return stack.mail().messages().stream().filter(m -> m.to().contains(address))
        .filter(m -> !m.subject().startsWith("Security contacts of")).toList();
  }

  private static List<SentSms> smsTo(String phone) {
    return stack.twilio().messages().stream().filter(m -> m.to().equals(phone)).toList();
  }

  private static String firstMatch(Pattern pattern, String text) {
    var matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
    return matcher.group(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> post(int port, String path, String token, Map<String, Object> body,
      int expectedStatus) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readValue(response.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> get(int port, String path) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + responder()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readValue(response.body(), Map.class);
  }

  /** Reads alerts.state.v1 as the super user, as an operator's tool would. */
  private static void readAlertStates() {
    var props = new HashMap<>(kafka.adminClientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new EventSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.ALERT_STATE.name()));
      while (reading) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() instanceof AlertState state) {
            states.add(state);
          }
        });
      }
    }
  }
}
