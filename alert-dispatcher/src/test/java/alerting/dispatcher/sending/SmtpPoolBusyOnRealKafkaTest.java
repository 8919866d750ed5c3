package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.DeadLetterReason;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.ProviderCapacity;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
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
    EmailDeliveries.dispatcherAt(registry, mail, twilio, "busy-auth-token", idp);
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
        IntStream.rangeClosed(1, 6)
            .mapToObj(n -> EmailDeliveries.delivery("busy", alertId, n, run + "-" + n))
            .toList();
    mail.capacity(ProviderCapacity.latency(Duration.ofMillis(600)));
    try (var producer = EmailDeliveries.producer()) {
      deliveries.forEach(delivery -> EmailDeliveries.send(producer, delivery));
      producer.flush();
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(EmailDeliveries.reported(statuses, alertId, DeliveryStatus.SENT))
                    .as("reported SENT")
                    .containsAll(deliveries.stream().map(DeliveryRequested::deliveryId).toList()));
    assertThat(EmailDeliveries.reported(statuses, alertId, DeliveryStatus.FAILED))
        .as("none failed")
        .isEmpty();
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
}
