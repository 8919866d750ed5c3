package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertIds;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.testsupport.KafkaAcls;
import alerting.testsupport.SecuredKafkaBroker;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
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

/**
 * The four services on a broker that authenticates every client (SASL/SCRAM-SHA-512) and denies
 * whatever ops/kafka/acls.txt does not allow, each service signing in as its own principal with
 * nothing but {@code spring.kafka.*} settings: an incident raised by REST is emailed, escalates to
 * SMS, and an SMS reply acknowledges it. And no principal but ack-receiver's may write an
 * acknowledgment, none but contact-service's a contact snapshot.
 */
class SecuredKafkaEndToEndTest {
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  static final List<String> SERVICES =
      List.of("contact-service", "alert-dispatcher", "escalation-worker", "ack-receiver");
  static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static SecuredKafkaBroker kafka;
  static LocalStack stack;
  static final Map<String, String> passwords = new LinkedHashMap<>();
  static StackClient client;

  @BeforeAll
  static void startTheSystemOnASecuredBroker() {
    kafka = SecuredKafkaBroker.start(dataDir.resolve("kafka"));
    // as docker-compose's init step: the catalogue, one SCRAM user per service, the ACLs of the one
    // file
    kafka.createTopics(Topics.ALL.stream().map(t -> t.newTopic((short) 1)).toList());
    var acls = KafkaAcls.load(ComposeFile.repositoryRoot().resolve("ops/kafka/acls.txt"));
    assertThat(acls.principals()).containsExactlyInAnyOrderElementsOf(SERVICES);
    acls.principals().forEach(p -> passwords.put(p, UUID.randomUUID().toString()));
    kafka.addUsers(passwords);
    kafka.grant(acls);

    var perService = new HashMap<String, Map<String, String>>();
    passwords.forEach(
        (service, password) ->
            perService.put(
                service,
                Map.of(
                    "spring.kafka.security.protocol",
                    "SASL_PLAINTEXT",
                    "spring.kafka.properties.sasl.mechanism",
                    SecuredKafkaBroker.SCRAM,
                    "spring.kafka.properties.sasl.jaas.config",
                    SecuredKafkaBroker.scramJaasConfig(service, password))));
    var ports = LocalStack.Ports.free();
    stack =
        LocalStack.start(
            kafka.bootstrapServers(),
            dataDir,
            ports,
            Map.of(
                "alerting.dispatcher.escalation.critical-ack-timeout",
                ACK_TIMEOUT.toSeconds() + "s",
                // no scheduled verification drill sends a message the test does not expect
                "alerting.contacts.verification.scheduled",
                "false",
                "alerting.worker.streams.instance-id",
                "secured-worker"),
            perService);
    client = new StackClient(stack, kafka.adminClientProperties());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (client != null) {
      client.close();
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
    var contactId = client.createTenantWithContact(tenantId, email, phone);

    var incident =
        client.post(
            stack.ports().dispatcher(),
            "/api/incidents",
            client.responder(),
            Map.of(
                "kind",
                "SECURITY_CONCERN",
                "severity",
                "CRITICAL",
                "title",
                "Leaked API keys",
                "tenantIds",
                List.of(tenantId)),
            202);
    var alertId = AlertIds.forRecipient((String) incident.get("incidentId"), tenantId, contactId);

    // the dispatcher fanned out and emailed; nobody acknowledges, so the worker escalates to SMS
    await().atMost(Duration.ofSeconds(30)).until(() -> client.mailsTo(email), m -> m.size() == 1);
    var sms =
        await()
            .atMost(ACK_TIMEOUT.multipliedBy(6))
            .until(() -> client.smsTo(phone), s -> s.size() == 1)
            .get(0);
    var replyCode = StackClient.firstMatch(Pattern.compile("Reply ([A-Z0-9]{4})"), sms.body());

    // the reply goes through ack-receiver, the only principal that may write alerts.acks.v1
    var reply = stack.twilio().replyToSms(phone, sms.from(), "ACK " + replyCode);
    assertThat(reply.status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.states().stream()
                    .anyMatch(
                        s ->
                            s.alertId().equals(alertId)
                                && s.status() == AlertStatus.ACKNOWLEDGED
                                && s.acknowledgment().channel() == Channel.SMS));
    // and the dispatcher's coverage view, rebuilt from alerts.state.v1 with its credentials, says
    // so
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                    .get(
                        stack.ports().dispatcher(),
                        "/api/incidents/" + incident.get("incidentId") + "/alerts")
                    .get("totals"),
            totals ->
                totals instanceof Map<?, ?> t && Integer.valueOf(1).equals(t.get("ACKNOWLEDGED")));
  }

  @Test
  void noPrincipalButAckReceiversMayWriteAcknowledgments() {
    for (var service : List.of("contact-service", "alert-dispatcher", "escalation-worker")) {
      assertThatThrownBy(
              () ->
                  send(kafka.clientProperties(service, passwords.get(service)), Topics.ACKS.name()))
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
      assertThatThrownBy(
              () ->
                  send(
                      kafka.clientProperties(service, passwords.get(service)),
                      Topics.CONTACTS_SNAPSHOTS.name()))
          .as(service + " writing " + Topics.CONTACTS_SNAPSHOTS.name())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  private static void send(Map<String, Object> client, String topic) throws Exception {
    var props = new HashMap<>(client);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "forged", "{}")).get();
    }
  }
}
