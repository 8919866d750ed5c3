package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.Lane;
import alerting.events.Severity;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The senders on a real broker, with the SMTP server and the Twilio stand-in: a delivery queued or
 * waiting for a retry is not sent once its alert is acknowledged or closed, and is reported
 * NOT_SENT; a delivery of an alert nobody acknowledged is sent as ever.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=alert-dispatcher")
class SettledAlertsOnRealKafkaTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String SMS_RETRY = Topics.DELIVERIES_SMS.retry();
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC33333333333333333333333333333333",
          "settled-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final KafkaProducer<String, String> producer;
  static final TopicRecorder<String> recorder;

  static {
    SharedKafka.createTopics(Topics.ALL);
    SharedKafka.createTopics(
        List.of(
            new Topic(SMS_RETRY, "alertId", Topics.ALERT_PARTITIONS, Topic.CleanupPolicy.DELETE)));
    producer = new KafkaProducer<>(SharedKafka.producerProps());
    recorder = TopicRecorder.ofStrings(List.of(Topics.DELIVERY_STATUS.name()));
  }

  @Autowired SettledAlerts settled;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.mail.host", mail::smtpHost);
    registry.add("spring.mail.port", mail::smtpPort);
    registry.add("alerting.dispatcher.twilio.api-base-url", twilio::baseUrl);
    registry.add("alerting.dispatcher.twilio.account-sid", twilio::accountSid);
    registry.add("alerting.dispatcher.twilio.auth-token", () -> "settled-auth-token");
    registry.add("alerting.dispatcher.twilio.caller-id", () -> "+15005550001");
    registry.add("alerting.dispatcher.links.key", () -> "test-ack-link-key-0123456789abcdef");
    registry.add(
        "alerting.dispatcher.links.signing-key", () -> "test-signing-link-key-0123456789abcdef");
    registry.add("alerting.dispatcher.links.ack-receiver-base-url", () -> "https://ack.example");
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
  }

  @AfterAll
  static void stop() {
    recorder.close();
    producer.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  @Test
  void deliveriesQueuedOnEveryChannelAfterTheAckAreNotSentAndReportedNotSent() {
    var alertId = "acked-" + UUID.randomUUID();
    var phone = randomPhone("+1415200");
    var callee = randomPhone("+1415201");
    var address = alertId + "@example.com";
    produce(Topics.ACKS.name(), ack(alertId));
    await().atMost(WAIT).until(() -> settled.known(alertId).isPresent());

    produce(
        Channel.EMAIL.deliveryTopic(Lane.HIGH).name(),
        delivery(alertId, 1, new ContactMethod(Channel.EMAIL, address)));
    produce(
        Channel.SMS.deliveryTopic(Lane.HIGH).name(),
        delivery(alertId, 2, new ContactMethod(Channel.SMS, phone)));
    produce(
        Channel.VOICE.deliveryTopic(Lane.HIGH).name(),
        delivery(alertId, 3, new ContactMethod(Channel.VOICE, callee)));

    var reports = await().atMost(WAIT).until(() -> statuses(alertId), s -> s.size() == 3);
    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(DeliveryStatus.NOT_SENT);
              assertThat(r.reason()).isEqualTo("alert acknowledged");
              assertThat(r.providerRef()).isNull();
            });
    assertThat(reports)
        .extracting(DeliveryStatusReported::channel)
        .containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.VOICE);
    // reported in the same poll as a send would have been: nothing reached a provider
    assertThat(mail.messages()).noneMatch(m -> m.to().contains(address));
    assertThat(twilio.messages()).noneMatch(m -> m.to().equals(phone));
    assertThat(twilio.calls()).noneMatch(c -> c.to().equals(callee));
    for (var channel : Channel.values()) {
      assertThat(skipped(channel, "acknowledged")).as(channel.name()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aRetryWaitingWhenTheAlertIsAcknowledgedIsDroppedWhenDue() {
    var alertId = "acked-retry-" + UUID.randomUUID();
    var phone = randomPhone("+1415300");
    var dueAt = Instant.now().plusSeconds(6);
    var delivery = delivery(alertId, 1, new ContactMethod(Channel.SMS, phone));
    var retry =
        new ProducerRecord<String, String>(
            SMS_RETRY,
            delivery.key(),
            new String(EventJson.write(delivery), StandardCharsets.UTF_8));
    retry
        .headers()
        .add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(2).array())
        .add(
            RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
            BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
    producer.send(retry);
    producer.flush();
    produce(Topics.ACKS.name(), ack(alertId));
    await().atMost(WAIT).until(() -> settled.known(alertId).isPresent());
    assertThat(Instant.now()).as("the test needs the retry still waiting here").isBefore(dueAt);
    assertThat(statuses(alertId)).isEmpty();

    var report = await().atMost(WAIT).until(() -> statuses(alertId), s -> !s.isEmpty()).get(0);
    assertThat(report.status()).isEqualTo(DeliveryStatus.NOT_SENT);
    assertThat(report.reason()).isEqualTo("alert acknowledged");
    assertThat(report.attempt()).isEqualTo(1);
    assertThat(twilio.messages()).noneMatch(m -> m.to().equals(phone));
  }

  @Test
  void aDeliveryOfAnAlertClosedWithItsIncidentIsNotSent() {
    var alertId = "closed-" + UUID.randomUUID();
    var phone = randomPhone("+1415400");
    produce(
        Topics.ALERTS.name(),
        new AlertClosed(UUID.randomUUID(), Instant.now(), alertId, "inc-" + alertId, "resolved"));
    await().atMost(WAIT).until(() -> settled.known(alertId).isPresent());

    produce(
        Channel.SMS.deliveryTopic(Lane.CRITICAL).name(),
        delivery(alertId, 1, new ContactMethod(Channel.SMS, phone)));

    var report = await().atMost(WAIT).until(() -> statuses(alertId), s -> !s.isEmpty()).get(0);
    assertThat(report.status()).isEqualTo(DeliveryStatus.NOT_SENT);
    assertThat(report.reason()).isEqualTo("alert closed");
    assertThat(twilio.messages()).noneMatch(m -> m.to().equals(phone));
    assertThat(skipped(Channel.SMS, "closed")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aDeliveryOfAnAlertNobodyAcknowledgedIsSentWhileAnotherAlertOfTheContactIsAcknowledged() {
    var acked = "acked-other-" + UUID.randomUUID();
    var open = "open-" + UUID.randomUUID();
    var phone = randomPhone("+1415500");
    produce(Topics.ACKS.name(), ack(acked));
    await().atMost(WAIT).until(() -> settled.known(acked).isPresent());

    produce(
        Channel.SMS.deliveryTopic(Lane.HIGH).name(),
        delivery(open, 1, new ContactMethod(Channel.SMS, phone)));

    var report = await().atMost(WAIT).until(() -> statuses(open), s -> !s.isEmpty()).get(0);
    assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(twilio.messages()).filteredOn(m -> m.to().equals(phone)).hasSize(1);
  }

  double skipped(Channel channel, String reason) {
    var counter =
        meters
            .find("alerting.deliveries.skipped")
            .tags("channel", channel.name(), "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  static AlertAcknowledged ack(String alertId) {
    var now = Instant.now();
    return new AlertAcknowledged(
        UUID.randomUUID(),
        now,
        alertId,
        1,
        Channel.EMAIL,
        new AckEvidence("203.0.113.9", null, now));
  }

  static DeliveryRequested delivery(String alertId, int attempt, ContactMethod method) {
    var brief =
        new AlertBrief(
            "inc-" + alertId,
            "tenant-" + alertId,
            "Tenant",
            "ada",
            "Ada",
            Severity.HIGH,
            "Leaked keys",
            "Rotate them",
            null,
            "R1");
    return DeliveryRequested.attempt(alertId, attempt, method, brief, Instant.now());
  }

  static void produce(String topic, Event event) {
    producer.send(
        new ProducerRecord<>(
            topic, event.key(), new String(EventJson.write(event), StandardCharsets.UTF_8)));
    producer.flush();
  }

  static List<DeliveryStatusReported> statuses(String alertId) {
    return recorder.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
        .filter(s -> s.alertId().equals(alertId))
        .toList();
  }

  static String randomPhone(String prefix) {
    return prefix + (1000 + (int) (Math.random() * 8999));
  }
}
