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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sender poll is one Kafka transaction, which the broker aborts once it is open longer than the
 * transaction timeout (docs/reliability.md, finding 2): here 6 s, and SharedKafka's broker looks
 * for timed-out transactions every second. A poll stops starting sends at its deadline (1.5 s here)
 * so that it commits in time; and should its transaction be aborted anyway, its records are handled
 * again rather than skipped.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=alert-dispatcher")
class SenderPollTransactionOnRealKafkaTest {
  static final Duration SMTP_LATENCY = Duration.ofSeconds(10);
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC33333333333333333333333333333333",
          "fenced-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final TopicRecorder<String> statuses;

  static {
    SharedKafka.createTopics(Topics.ALL);
    // the recorder subscribes before the dispatcher would create the retry topic
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

  @Autowired StoppedConsumers stopped;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    EmailDeliveries.dispatcherAt(registry, mail, twilio, "fenced-auth-token", idp);
    // a transaction the broker aborts within seconds, and a poll deadline that fits it ...
    registry.add("alerting.dispatcher.kafka.transaction-timeout", () -> "6s");
    registry.add("alerting.dispatcher.senders.poll-deadline", () -> "1500ms");
    // ... which a send started before it still outlives: SMTP's answer is read for 30 s
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "30000");
  }

  @AfterAll
  static void stop() {
    statuses.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  /**
   * Twelve emails in one poll to an SMTP server that answers each after 2 s: the first eight calls
   * start at once, the other four could start only after the deadline and go to the retry topic,
   * due at once, so the poll commits after about 2 s; they are sent from there.
   */
  @Test
  void aPollHandsTheSendsItCouldNotStartBeforeItsDeadlineToTheRetryTopic() {
    var run = UUID.randomUUID().toString().substring(0, 8);
    var alertId = "deadline-" + run;
    var deliveries =
        IntStream.rangeClosed(1, 12)
            .mapToObj(n -> EmailDeliveries.delivery("fenced", alertId, n, run + "-" + n))
            .toList();
    var fencedBefore = stopped.fenced();
    mail.capacity(ProviderCapacity.latency(Duration.ofSeconds(2)));
    try (var producer = EmailDeliveries.producer()) {
      // one key, one partition, one batch: one poll
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
    assertThat(
            statuses.on(Topics.DELIVERIES_EMAIL.retry()).stream()
                .filter(r -> r.key().equals(alertId))
                .map(r -> TopicRecorder.header(r, DeadLetterReason.HEADER)))
        .as("sends handed on to the retry topic, and why")
        .isNotEmpty()
        .allMatch(reason -> reason.contains("poll deadline"));
    for (var delivery : deliveries) {
      assertThat(mail.messages())
          .as("emails handed to SMTP for " + delivery.method().address())
          .filteredOn(m -> m.to().contains(delivery.method().address()))
          .hasSize(1);
    }
    assertThat(stopped.fenced()).as("polls fenced meanwhile").isEqualTo(fencedBefore);
  }

  /**
   * The poll holds two deliveries: the first was sent by this process before, so it is reported
   * SENT at once (from memory, as after a rollback), which opens the transaction on the broker; the
   * second goes to an SMTP server that answers after 10 s, a call started well within the poll
   * deadline. The broker aborts the transaction, SENT report and all, while the poll is still
   * sending, and fences its producer. The records must come again and be reported, not skipped, and
   * the second email must not be sent again.
   */
  @Test
  void theDeliveriesOfAPollWhoseTransactionTheBrokerAbortedAreReportedSentWithoutSendingAgain() {
    var run = UUID.randomUUID().toString().substring(0, 8);
    var alertId = "fenced-" + run;
    var alreadySent = EmailDeliveries.delivery("fenced", alertId, 1, "first-" + run);
    var slow = EmailDeliveries.delivery("fenced", alertId, 2, "second-" + run);
    mail.capacity(ProviderCapacity.UNLIMITED);
    try (var producer = EmailDeliveries.producer()) {
      EmailDeliveries.send(producer, alreadySent);
      producer.flush();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  EmailDeliveries.reported(statuses, alertId, DeliveryStatus.SENT)
                      .contains(alreadySent.deliveryId()));

      mail.capacity(ProviderCapacity.latency(SMTP_LATENCY));
      // the same key, so one partition and one batch: one poll, the already-sent one first
      EmailDeliveries.send(producer, alreadySent);
      EmailDeliveries.send(producer, slow);
      producer.flush();
    }

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(EmailDeliveries.reported(statuses, alertId, DeliveryStatus.SENT))
                    .as("reported SENT")
                    .contains(slow.deliveryId()));
    assertThat(stopped.fenced())
        .as("the poll's transaction was aborted and its producer fenced")
        .isPositive();
    for (var delivery : List.of(alreadySent, slow)) {
      assertThat(mail.messages())
          .as("emails handed to SMTP for " + delivery.method().address())
          .filteredOn(m -> m.to().contains(delivery.method().address()))
          .hasSize(1);
    }
  }

  /** Why the listeners' consumers stopped, as the containers published it. */
  static class StoppedConsumers {
    private final List<ConsumerStoppedEvent.Reason> reasons = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ConsumerStoppedEvent event) {
      reasons.add(event.getReason());
    }

    long fenced() {
      return reasons.stream().filter(r -> r == ConsumerStoppedEvent.Reason.FENCED).count();
    }
  }

  @TestConfiguration
  static class Consumers {
    @Bean
    StoppedConsumers stoppedConsumers() {
      return new StoppedConsumers();
    }
  }
}
