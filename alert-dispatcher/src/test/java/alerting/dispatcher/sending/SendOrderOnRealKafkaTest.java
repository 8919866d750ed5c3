package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.EventSerde;
import alerting.events.Lane;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.SentSms;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Send order on a real broker: a CRITICAL incident's texts leave before a backlog of lower-severity
 * texts that was queued first, at a rate limit that makes the backlog last.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=alert-dispatcher")
class SendOrderOnRealKafkaTest {
  static final int SMS_PER_SECOND = 20;
  static final int BACKLOG = 300;
  static final int CRITICAL = 160;
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC22222222222222222222222222222222",
          "order-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    SharedKafka.createTopics(Topics.ALL);
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.mail.host", mail::smtpHost);
    registry.add("spring.mail.port", mail::smtpPort);
    registry.add("alerting.dispatcher.twilio.api-base-url", twilio::baseUrl);
    registry.add("alerting.dispatcher.twilio.account-sid", twilio::accountSid);
    registry.add("alerting.dispatcher.twilio.auth-token", () -> "order-auth-token");
    registry.add("alerting.dispatcher.links.key", () -> "test-ack-link-key-0123456789abcdef");
    registry.add(
        "alerting.dispatcher.links.signing-key", () -> "test-signing-link-key-0123456789abcdef");
    registry.add("alerting.dispatcher.senders.sms-per-second", () -> SMS_PER_SECOND);
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
  }

  @AfterAll
  static void stop() {
    mail.close();
    twilio.close();
    idp.close();
  }

  @Test
  void criticalTextsJumpABacklogOfLowerSeverityTextsQueuedBeforeThem() throws Exception {
    var run = UUID.randomUUID().toString().substring(0, 6);
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      for (int i = 0; i < BACKLOG; i++) {
        send(
            producer, delivery(run, "low", i, Severity.LOW, "+1415550" + String.format("%04d", i)));
      }
      producer.flush();
      // the backlog is being sent: ten seconds of it at the rate limit
      await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("+1415550").size() >= 10);

      var raisedAt = Instant.now();
      for (int i = 0; i < CRITICAL; i++) {
        send(
            producer,
            delivery(run, "critical", i, Severity.CRITICAL, "+1415551" + String.format("%04d", i)));
      }
      producer.flush();

      await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("+1415551").size() == CRITICAL);
      var critical = sentTo("+1415551").stream().map(SentSms::receivedAt).sorted().toList();
      var firstCritical = critical.get(0);
      var lastCritical = critical.get(CRITICAL - 1);
      var lowInBetween =
          sentTo("+1415550").stream()
              .filter(
                  sms ->
                      sms.receivedAt().isAfter(firstCritical)
                          && sms.receivedAt().isBefore(lastCritical))
              .count();
      assertThat(Duration.between(raisedAt, firstCritical))
          .as(
              "behind %s texts at %s/s the first critical one would wait ~%s s",
              BACKLOG, SMS_PER_SECOND, BACKLOG / SMS_PER_SECOND)
          .isLessThan(Duration.ofSeconds(2));
      // the lower lane is paused: at most the small batches already under way share the rate
      assertThat(lowInBetween).as("low texts sent while the critical ones went out").isLessThan(25);
      // and the backlog is not lost: it resumes once the critical lane is empty
      await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("+1415550").size() == BACKLOG);
    }
  }

  private static List<SentSms> sentTo(String prefix) {
    return twilio.messages().stream().filter(sms -> sms.to().startsWith(prefix)).toList();
  }

  private static DeliveryRequested delivery(
      String run, String kind, int i, Severity severity, String phone) {
    var alertId = run + "-" + kind + "-" + i;
    var brief =
        new AlertBrief(
            "inc-" + run + "-" + kind,
            "tenant-" + i,
            "Tenant " + i,
            "contact-" + i,
            "Contact " + i,
            severity,
            kind + " incident",
            "Summary",
            null,
            "K" + i);
    return DeliveryRequested.attempt(
        alertId, 1, new ContactMethod(Channel.SMS, phone), brief, Instant.now());
  }

  private static void send(
      KafkaProducer<String, alerting.events.Event> producer, DeliveryRequested delivery) {
    var topic = Channel.SMS.deliveryTopic(Lane.of(delivery.brief().severity()));
    producer.send(new ProducerRecord<>(topic.name(), delivery.key(), delivery));
  }
}
