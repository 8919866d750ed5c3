package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeadLetterReason;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Lane;
import alerting.events.Severity;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.ProviderCapacity;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Under load every pooled SMTP connection can be busy for longer than a send may wait for one
 * ({@code email.smtp-pool-wait}): the send never reached the server, so it must wait and go again,
 * not use up its retries and be dead-lettered (docs/reliability.md: under CPU starvation first
 * emails were dead-lettered after five pool waits). Here one connection, a 200 ms pool wait, one
 * retry allowed and eight parallel calls: most sends find the connection busy, again and again.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=alert-dispatcher",
      "alerting.dispatcher.email.smtp-connections=1",
      "alerting.dispatcher.email.smtp-pool-wait=200ms",
      "alerting.dispatcher.senders.max-retries=1",
      "alerting.dispatcher.senders.first-retry-delay=300ms"
    })
class SmtpPoolBusyOnRealKafkaTest {
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC44444444444444444444444444444444",
          "busy-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final TopicRecorder<String> statuses;

  static {
    SharedKafka.createTopics(Topics.ALL);
    SharedKafka.createTopics(
        List.of(
            new Topic(
                Topics.DELIVERIES_EMAIL.retry(),
                "alertId",
                Topics.ALERT_PARTITIONS,
                Topic.CleanupPolicy.DELETE)));
    statuses =
        TopicRecorder.ofStrings(
            List.of(Topics.DELIVERY_STATUS.name(), Topics.DELIVERIES_EMAIL.retry()));
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.mail.host", mail::smtpHost);
    registry.add("spring.mail.port", mail::smtpPort);
    registry.add("alerting.dispatcher.twilio.api-base-url", twilio::baseUrl);
    registry.add("alerting.dispatcher.twilio.account-sid", twilio::accountSid);
    registry.add("alerting.dispatcher.twilio.auth-token", () -> "busy-auth-token");
    registry.add("alerting.dispatcher.links.key", () -> "test-ack-link-key-0123456789abcdef");
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
  }

  @AfterAll
  static void stop() {
    statuses.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  @Test
  void sendsThatFindEverySmtpConnectionBusyWaitAndAreAllSentNoneFailedOrDeadLettered() {
    var run = UUID.randomUUID().toString().substring(0, 8);
    var alertId = "busy-" + run;
    var deliveries =
        IntStream.rangeClosed(1, 6).mapToObj(n -> delivery(alertId, n, run + "-" + n)).toList();
    mail.capacity(ProviderCapacity.latency(Duration.ofMillis(600)));
    try (var producer = producer()) {
      deliveries.forEach(delivery -> send(producer, delivery));
      producer.flush();
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(statuses(alertId, DeliveryStatus.SENT))
                    .as("reported SENT")
                    .containsAll(deliveries.stream().map(DeliveryRequested::deliveryId).toList()));
    assertThat(statuses(alertId, DeliveryStatus.FAILED)).as("none failed").isEmpty();
    assertThat(
            statuses.on(Topics.DELIVERIES_EMAIL.retry()).stream()
                .filter(r -> r.key().equals(alertId))
                .map(r -> TopicRecorder.header(r, DeadLetterReason.HEADER)))
        .as("sends that found no free connection waited on the retry topic, and said why")
        .anyMatch(reason -> reason.contains("SMTP connections busy"));
    for (var delivery : deliveries) {
      assertThat(mail.messages())
          .filteredOn(m -> m.to().contains(delivery.method().address()))
          .as("emails handed to SMTP for " + delivery.method().address())
          .hasSize(1);
    }
  }

  private static KafkaProducer<String, Event> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedKafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            200),
        new StringSerializer(),
        new EventSerde().serializer());
  }

  private static void send(KafkaProducer<String, Event> producer, DeliveryRequested delivery) {
    producer.send(
        new ProducerRecord<>(
            Channel.EMAIL.deliveryTopic(Lane.CRITICAL).name(), delivery.key(), delivery));
  }

  private static List<String> statuses(String alertId, DeliveryStatus status) {
    return statuses.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
        .filter(s -> s.alertId().equals(alertId) && s.status() == status)
        .map(DeliveryStatusReported::deliveryId)
        .toList();
  }

  private static DeliveryRequested delivery(String alertId, int attempt, String name) {
    var brief =
        new AlertBrief(
            "inc-" + alertId,
            "tenant-busy",
            "Tenant Busy",
            "contact-busy",
            "Contact Busy",
            Severity.CRITICAL,
            "Busy pool",
            "Summary",
            null,
            "K2");
    return DeliveryRequested.attempt(
        alertId,
        attempt,
        new ContactMethod(Channel.EMAIL, name + "@busy-test.example"),
        brief,
        Instant.now());
  }
}
