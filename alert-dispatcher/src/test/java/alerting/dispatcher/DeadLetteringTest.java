package alerting.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.fanout.FanOutBatchQueued;
import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.Actor;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.Channel;
import alerting.events.ConfirmationRequested;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.DeadLetterReason;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.EventJson;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.TenantAdmin;
import alerting.events.TenantContacts;
import alerting.events.TenantUnreachable;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every consumer group of the dispatcher sends a record it cannot read to the topic's dead-letter
 * topic as the bytes it came as, saying why in plain words, and goes on with the next record; an
 * incident naming a tenant not known yet waits a while for the tenant's contacts.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=alert-dispatcher")
class DeadLetteringTest {
  static final Duration WAIT = Duration.ofSeconds(45);
  static final Duration TENANT_WAIT = Duration.ofSeconds(8);
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC11111111111111111111111111111111",
          "test-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final KafkaProducer<String, byte[]> producer;
  static final TopicRecorder<String> recorder;

  /** What a consumer group reads, and what it makes of a good record. */
  enum Kind {
    INCIDENT,
    CONFIRMATION,
    FAN_OUT,
    FAN_OUT_WAIT,
    CONTACT_CHANGE,
    DELIVERY
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> groups() {
    var groups = new ArrayList<org.junit.jupiter.params.provider.Arguments>();
    groups.add(args("incidents", Topics.INCIDENTS.name(), Kind.INCIDENT, null));
    groups.add(
        args("confirmations", Topics.SUPPORT_ACCESS_CONFIRMATIONS.name(), Kind.CONFIRMATION, null));
    groups.add(args("fan-out", DispatcherTopics.FAN_OUT.name(), Kind.FAN_OUT, null));
    groups.add(args("fan-out-wait", DispatcherTopics.FAN_OUT_WAIT.name(), Kind.FAN_OUT_WAIT, null));
    groups.add(args("contact-changes", Topics.CONTACTS_CHANGES.name(), Kind.CONTACT_CHANGE, null));
    for (var channel : Channel.values()) {
      var prefix = channel.name().toLowerCase() + "-sender";
      groups.add(
          args(
              prefix + "-critical",
              channel.deliveryTopic(alerting.events.Lane.CRITICAL).name(),
              Kind.DELIVERY,
              channel));
      groups.add(
          args(
              prefix + "-high",
              channel.deliveryTopic(alerting.events.Lane.HIGH).name(),
              Kind.DELIVERY,
              channel));
      groups.add(args(prefix, channel.deliveryTopic().name(), Kind.DELIVERY, channel));
      groups.add(args(prefix + "-retry", channel.deliveryTopic().retry(), Kind.DELIVERY, channel));
    }
    return groups.stream();
  }

  private static org.junit.jupiter.params.provider.Arguments args(
      String group, String topic, Kind kind, Channel channel) {
    return org.junit.jupiter.params.provider.Arguments.argumentSet(
        group, group, topic, kind, channel);
  }

  static {
    SharedKafka.createTopics(Topics.ALL);
    var extra =
        new ArrayList<Topic>(List.of(DispatcherTopics.FAN_OUT, DispatcherTopics.FAN_OUT_WAIT));
    for (var channel : Channel.values()) {
      extra.add(
          new Topic(
              channel.deliveryTopic().retry(),
              "alertId",
              Topics.ALERT_PARTITIONS,
              Topic.CleanupPolicy.DELETE));
    }
    var consumed =
        Stream.concat(
                Stream.of(
                    Topics.INCIDENTS,
                    Topics.SUPPORT_ACCESS_CONFIRMATIONS,
                    Topics.CONTACTS_CHANGES,
                    DispatcherTopics.FAN_OUT,
                    DispatcherTopics.FAN_OUT_WAIT),
                Topics.deliveries().stream())
            .toList();
    // the recorder subscribes before the dispatcher creates these: they must exist already
    consumed.forEach(t -> extra.add(t.deadLetterTopic()));
    SharedKafka.createTopics(extra);
    producer =
        new KafkaProducer<>(
            SharedKafka.producerProps(), new StringSerializer(), new ByteArraySerializer());
    var recorded =
        new ArrayList<String>(
            List.of(
                Topics.DELIVERY_STATUS.name(),
                Topics.INCIDENTS.name(),
                Topics.TENANTS_UNREACHABLE.name(),
                DispatcherTopics.FAN_OUT_WAIT.name()));
    consumed.forEach(t -> recorded.add(t.deadLetter()));
    recorder = TopicRecorder.ofStrings(recorded.stream().distinct().toList());
  }

  @Autowired ContactDirectory directory;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("spring.mail.host", mail::smtpHost);
    registry.add("spring.mail.port", mail::smtpPort);
    registry.add("alerting.dispatcher.twilio.api-base-url", twilio::baseUrl);
    registry.add("alerting.dispatcher.twilio.account-sid", twilio::accountSid);
    registry.add("alerting.dispatcher.twilio.auth-token", () -> "test-auth-token");
    registry.add("alerting.dispatcher.links.key", () -> "test-ack-link-key-0123456789abcdef");
    registry.add(
        "alerting.dispatcher.links.signing-key", () -> "test-signing-link-key-0123456789abcdef");
    registry.add("alerting.dispatcher.links.ack-receiver-base-url", () -> "https://ack.example");
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
    registry.add(
        "alerting.dispatcher.fan-out.unknown-tenant-wait", () -> TENANT_WAIT.toSeconds() + "s");
    registry.add("alerting.dispatcher.fan-out.unknown-tenant-recheck", () -> "500ms");
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
    producer.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  @ParameterizedTest
  @MethodSource("groups")
  void anUnreadableRecordIsDeadLetteredAsItsBytesWithThePlainReasonAndTheNextRecordIsProcessed(
      String group, String topic, Kind kind, Channel channel) {
    var truncatedKey = "truncated-" + UUID.randomUUID();
    var truncated =
        ("{\"type\":\"incident-raised.v1\",\"title\":\"café " + truncatedKey)
            .getBytes(StandardCharsets.UTF_8);
    var unknownKey = "unknown-" + UUID.randomUUID();
    var unknown =
        ("{\"type\":\"no-such-event.v1\",\"id\":\"" + unknownKey + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    send(topic, truncatedKey, truncated);
    send(topic, unknownKey, unknown);
    var processed = sendGood(topic, kind, channel);

    await("%s processing the record after the unreadable ones".formatted(group))
        .atMost(WAIT)
        .until(processed);
    var deadLetterTopic = Topic.deadLetterOf(topic);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var dead = recorder.on(deadLetterTopic);
              assertThat(dead)
                  .filteredOn(r -> r.key().equals(truncatedKey))
                  .singleElement()
                  .satisfies(
                      r -> {
                        assertThat(r.value().getBytes(StandardCharsets.UTF_8)).isEqualTo(truncated);
                        assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER))
                            .startsWith("value is not valid JSON (unexpected end of input")
                            .contains("line 1, column");
                        assertThat(TopicRecorder.header(r, DeadLetterReason.ORIGIN_HEADER))
                            .startsWith(topic + "-");
                      });
              assertThat(dead)
                  .filteredOn(r -> r.key().equals(unknownKey))
                  .singleElement()
                  .satisfies(
                      r -> {
                        assertThat(r.value().getBytes(StandardCharsets.UTF_8)).isEqualTo(unknown);
                        assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER))
                            .isEqualTo("unknown event type 'no-such-event.v1'");
                      });
            });
  }

  @Test
  void anIncidentForATenantWhoseContactsArriveWhileItWaitsIsAlerted() {
    var tenantId = "late-" + UUID.randomUUID().toString().substring(0, 8);
    var incident = incident(tenantId);
    send(Topics.INCIDENTS.name(), incident.incidentId(), EventJson.write(incident));
    // it has been looked for and queued again at least once before its contacts are published
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.on(DispatcherTopics.FAN_OUT_WAIT.name()).stream()
                        .filter(r -> r.key().startsWith(incident.incidentId() + "/"))
                        .count()
                    >= 2);
    publish(snapshot(tenantId));

    await().atMost(WAIT).until(sent(AlertIds.forRecipient(incident.incidentId(), tenantId, "sec")));
    assertThat(recorder.on(Topics.INCIDENTS.deadLetter()))
        .noneMatch(r -> r.key().equals(incident.incidentId()));
  }

  @Test
  void aConfirmationForATenantWhoseContactsArriveWhileItWaitsIsSent() {
    var tenantId = "late-" + UUID.randomUUID().toString().substring(0, 8);
    var requestId = "req-" + UUID.randomUUID();
    var request =
        new ConfirmationRequested(
            UUID.randomUUID(),
            Instant.now(),
            requestId,
            tenantId,
            List.of("sec"),
            Set.of(Channel.EMAIL),
            "Confirm re-enabling support access",
            "Click the link");
    send(Topics.SUPPORT_ACCESS_CONFIRMATIONS.name(), requestId, EventJson.write(request));
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.on(DispatcherTopics.FAN_OUT_WAIT.name()).stream()
                        .filter(r -> r.key().equals(requestId))
                        .count()
                    >= 2);
    publish(snapshot(tenantId));

    await().atMost(WAIT).until(sent(AlertIds.forRecipient(requestId, tenantId, "sec")));
    assertThat(recorder.on(Topics.SUPPORT_ACCESS_CONFIRMATIONS.deadLetter()))
        .noneMatch(r -> r.key().equals(requestId));
  }

  @Test
  void
      aConfirmationForATenantThatNeverAppearsIsDeadLetteredOnTheConfirmationsTopicNotAsAnIncident() {
    var tenantId = "never-" + UUID.randomUUID().toString().substring(0, 8);
    var requestId = "req-" + UUID.randomUUID();
    var request =
        new ConfirmationRequested(
            UUID.randomUUID(),
            Instant.now(),
            requestId,
            tenantId,
            List.of("sec"),
            Set.of(Channel.EMAIL),
            "Confirm disabling support access",
            "Click the link");
    send(Topics.SUPPORT_ACCESS_CONFIRMATIONS.name(), requestId, EventJson.write(request));

    var dead =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    recorder.on(Topics.SUPPORT_ACCESS_CONFIRMATIONS.deadLetter()).stream()
                        .filter(r -> r.key().equals(requestId))
                        .toList(),
                l -> !l.isEmpty());
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER))
                  .isEqualTo("tenant '" + tenantId + "' unknown after waiting 8 s");
              assertThat(
                      EventJson.read(
                          r.value().getBytes(StandardCharsets.UTF_8), ConfirmationRequested.class))
                  .isEqualTo(request);
            });
    assertThat(recorder.on(Topics.INCIDENTS.deadLetter()))
        .noneMatch(r -> r.key().equals(requestId));
    assertThat(recorder.on(Topics.INCIDENTS.name())).noneMatch(r -> r.key().equals(requestId));
  }

  @Test
  void
      anIncidentForATenantThatNeverAppearsIsDeadLetteredAfterTheWaitNamingTheTenantWhileTheOthersAreAlerted() {
    var known = tenant();
    var missing = "never-" + UUID.randomUUID().toString().substring(0, 8);
    var incident = incident(known.tenantId(), missing);
    var raisedAt = Instant.now();
    send(Topics.INCIDENTS.name(), incident.incidentId(), EventJson.write(incident));

    var alerted = AlertIds.forRecipient(incident.incidentId(), known.tenantId(), "sec");
    await().atMost(WAIT).until(sent(alerted));
    assertThat(recorder.on(Topics.INCIDENTS.deadLetter()))
        .as("the known tenant does not wait")
        .noneMatch(r -> r.key().equals(incident.incidentId()));

    var dead =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    recorder.on(Topics.INCIDENTS.deadLetter()).stream()
                        .filter(r -> r.key().equals(incident.incidentId()))
                        .toList(),
                l -> !l.isEmpty());
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER))
                  .isEqualTo("tenant '" + missing + "' unknown after waiting 8 s");
              assertThat(Instant.ofEpochMilli(r.timestamp()))
                  .isAfterOrEqualTo(raisedAt.plus(TENANT_WAIT));
              var narrowed =
                  EventJson.read(r.value().getBytes(StandardCharsets.UTF_8), IncidentRaised.class);
              assertThat(narrowed.incidentId()).isEqualTo(incident.incidentId());
              assertThat(narrowed.scope().tenantIds()).containsExactly(missing);
            });
    assertThat(recorder.events(Topics.TENANTS_UNREACHABLE.name(), TenantUnreachable.class))
        .anyMatch(
            u ->
                u.incidentId().equals(incident.incidentId())
                    && u.tenantId().equals(missing)
                    && u.reason().contains(missing));
  }

  /** Sends a good record for the group and says how to tell it was processed. */
  private Callable<Boolean> sendGood(String topic, Kind kind, Channel channel) {
    return switch (kind) {
      case INCIDENT -> {
        var tenant = tenant();
        var incident = incident(tenant.tenantId());
        send(topic, incident.incidentId(), EventJson.write(incident));
        yield sent(AlertIds.forRecipient(incident.incidentId(), tenant.tenantId(), "sec"));
      }
      case CONFIRMATION -> {
        var tenant = tenant();
        var requestId = "req-" + UUID.randomUUID();
        var request =
            new ConfirmationRequested(
                UUID.randomUUID(),
                Instant.now(),
                requestId,
                tenant.tenantId(),
                List.of("sec"),
                Set.of(Channel.EMAIL),
                "Confirm disabling support access",
                null);
        send(topic, requestId, EventJson.write(request));
        yield sent(AlertIds.forRecipient(requestId, tenant.tenantId(), "sec"));
      }
      case FAN_OUT, FAN_OUT_WAIT -> {
        var tenant = tenant();
        var incident = incident(tenant.tenantId());
        var slice =
            new FanOutBatchQueued(
                UUID.randomUUID(), Instant.now(), incident, 1, 1, List.of(tenant.tenantId()));
        send(topic, slice.key(), EventJson.mapper().writeValueAsBytes(slice));
        yield sent(AlertIds.forRecipient(incident.incidentId(), tenant.tenantId(), "sec"));
      }
      case CONTACT_CHANGE -> {
        var admin = "admin-" + UUID.randomUUID() + "@dlt-test.example";
        var added =
            new ContactAdded(
                UUID.randomUUID(),
                Instant.now(),
                "chg-" + UUID.randomUUID(),
                "Initech",
                new Actor("u-9", "Peter Gibbons"),
                contact(email()),
                List.of(admin));
        send(topic, added.key(), EventJson.write(added));
        yield () -> mail.messages().stream().anyMatch(m -> m.to().contains(admin));
      }
      case DELIVERY -> {
        var alertId = "alert-" + UUID.randomUUID();
        var method =
            switch (channel) {
              case EMAIL -> email();
              case SMS -> new ContactMethod(Channel.SMS, phone());
              case VOICE -> new ContactMethod(Channel.VOICE, phone());
            };
        var brief =
            new AlertBrief(
                "inc-" + alertId,
                "t-dlt",
                "Tenant",
                "c-1",
                "Ada",
                Severity.HIGH,
                "After the unreadable ones",
                "summary",
                "https://status.example",
                "K7QD");
        var delivery = DeliveryRequested.attempt(alertId, 1, method, brief, Instant.now());
        send(topic, delivery.key(), EventJson.write(delivery));
        yield sent(alertId);
      }
    };
  }

  private static Callable<Boolean> sent(String alertId) {
    return () ->
        recorder.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
            .anyMatch(s -> s.alertId().equals(alertId) && s.status() == DeliveryStatus.SENT);
  }

  private TenantContacts tenant() {
    var snapshot = snapshot("t-" + UUID.randomUUID().toString().substring(0, 8));
    publish(snapshot);
    await().atMost(WAIT).until(() -> directory.tenant(snapshot.tenantId()).isPresent());
    return snapshot;
  }

  private static TenantContacts snapshot(String tenantId) {
    return new TenantContacts(
        UUID.randomUUID(),
        Instant.now(),
        tenantId,
        "Tenant " + tenantId,
        1,
        List.of(contact(email())),
        List.of(new TenantAdmin("adm", "Admin", "admin@" + tenantId + ".example")));
  }

  private static void publish(TenantContacts snapshot) {
    send(Topics.CONTACTS_SNAPSHOTS.name(), snapshot.tenantId(), EventJson.write(snapshot));
  }

  private static IncidentRaised incident(String... tenantIds) {
    return new IncidentRaised(
        UUID.randomUUID(),
        Instant.now(),
        "inc-" + UUID.randomUUID(),
        IncidentKind.SECURITY_CONCERN,
        Severity.HIGH,
        "After the unreadable ones",
        "summary",
        null,
        IncidentScope.tenants(tenantIds));
  }

  private static Contact contact(ContactMethod method) {
    return new Contact("sec", "Sec", null, Set.of(ContactRole.PRIMARY_SECURITY), List.of(method));
  }

  private static ContactMethod email() {
    return new ContactMethod(Channel.EMAIL, "sec-" + UUID.randomUUID() + "@dlt-test.example");
  }

  private static String phone() {
    return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
  }

  private static void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
