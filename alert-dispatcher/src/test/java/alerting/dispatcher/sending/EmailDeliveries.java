package alerting.dispatcher.sending;

import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Lane;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the email senders' real-broker tests share: the dispatcher pointed at the stand-ins, and
 * critical email deliveries produced onto their topic and reported back.
 */
final class EmailDeliveries {
  private EmailDeliveries() {}

  /** The dispatcher's broker, SMTP server, Twilio stand-in and identity provider. */
  static void dispatcherAt(
      DynamicPropertyRegistry registry,
      MailCatcher mail,
      TwilioStandIn twilio,
      String twilioToken,
      LocalIdentityProvider idp) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.mail.host", mail::smtpHost);
    registry.add("spring.mail.port", mail::smtpPort);
    registry.add("alerting.dispatcher.twilio.api-base-url", twilio::baseUrl);
    registry.add("alerting.dispatcher.twilio.account-sid", twilio::accountSid);
    registry.add("alerting.dispatcher.twilio.auth-token", () -> twilioToken);
    registry.add("alerting.dispatcher.links.key", () -> "test-ack-link-key-0123456789abcdef");
    registry.add(
        "alerting.dispatcher.links.signing-key", () -> "test-signing-link-key-0123456789abcdef");
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
  }

  /** A producer that batches for 200 ms: deliveries sent together land in one poll. */
  static KafkaProducer<String, Event> producer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedKafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG,
            200),
        new StringSerializer(),
        new EventSerde().serializer());
  }

  static void send(KafkaProducer<String, Event> producer, DeliveryRequested delivery) {
    producer.send(
        new ProducerRecord<>(
            Channel.EMAIL.deliveryTopic(Lane.CRITICAL).name(), delivery.key(), delivery));
  }

  /** The delivery ids of {@code alertId} reported with {@code status}. */
  static List<String> reported(
      TopicRecorder<String> statuses, String alertId, DeliveryStatus status) {
    return statuses.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
        .filter(s -> s.alertId().equals(alertId) && s.status() == status)
        .map(DeliveryStatusReported::deliveryId)
        .toList();
  }

  /** Attempt {@code attempt} of a critical alert, an email to {@code name@<tag>-test.example}. */
  static DeliveryRequested delivery(String tag, String alertId, int attempt, String name) {
    var brief =
        new AlertBrief(
            "inc-" + alertId,
            "tenant-" + tag,
            "Tenant " + tag,
            "contact-" + tag,
            "Contact " + tag,
            Severity.CRITICAL,
            "Poll " + tag,
            "Summary",
            null,
            "K1");
    return DeliveryRequested.attempt(
        alertId,
        attempt,
        new ContactMethod(Channel.EMAIL, name + "@" + tag + "-test.example"),
        brief,
        Instant.now());
  }
}
