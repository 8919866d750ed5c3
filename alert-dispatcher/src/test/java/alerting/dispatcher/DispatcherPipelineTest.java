package alerting.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.ContactsReviewRequested;
import alerting.events.Correlation;
import alerting.events.DeadLetterReason;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventJson;
import alerting.events.IncidentClosed;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.IncidentUpdated;
import alerting.events.Lane;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged;
import alerting.events.TenantAdmin;
import alerting.events.TenantContacts;
import alerting.events.TenantUnreachable;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.events.VerificationRequested;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dispatcher on a real broker, with an SMTP server, the Twilio stand-in and a local identity
 * provider: incidents in (REST and raw JSON), alerts out, every channel, retries, dead letters.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=alert-dispatcher",
      "alerting.dispatcher.recipients.start-with-verified=true"
    })
class DispatcherPipelineTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final List<String> SMS_POOL = List.of("+15005550010", "+15005550011", "+15005550012");
  static final String GB_SENDER = "+442079460999";
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC11111111111111111111111111111111",
          "test-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final KafkaProducer<String, String> producer;
  static final TopicRecorder<String> recorder;
  static final HttpClient http = HttpClient.newHttpClient();
  static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  static {
    SharedKafka.createTopics(Topics.ALL);
    // the recorder subscribes before the dispatcher creates these: they must exist already
    SharedKafka.createTopics(
        List.of(
            // as many partitions as the dispatcher gives it: created with one, it grew under the
            // recorder, which then missed the dead letters hashed to the new partitions
            Topics.INCIDENTS.deadLetterTopic(),
            new Topic(
                Topics.DELIVERIES_SMS.name() + "-retry",
                "alertId",
                Topics.ALERT_PARTITIONS,
                Topic.CleanupPolicy.DELETE),
            DispatcherTopics.FAN_OUT));
    producer = new KafkaProducer<>(SharedKafka.producerProps());
    recorder =
        TopicRecorder.ofStrings(
            List.of(
                Topics.ALERTS.name(),
                Topics.DELIVERY_STATUS.name(),
                Topics.NOTICES.name(),
                Topics.INCIDENTS.name(),
                Topics.INCIDENTS.deadLetter(),
                Topics.TENANTS_UNREACHABLE.name(),
                Topics.DELIVERIES_SMS.name() + "-retry",
                DispatcherTopics.FAN_OUT.name()));
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired ContactDirectory directory;
  @Autowired MeterRegistry meters;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired alerting.dispatcher.recipients.VerifiedChannels verified;

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
    registry.add("alerting.dispatcher.twilio.caller-id", () -> "+15005550001");
    registry.add("alerting.dispatcher.links.ack-receiver-base-url", () -> "https://ack.example");
    registry.add("alerting.dispatcher.senders.first-retry-delay", () -> "200ms");
    registry.add("alerting.dispatcher.senders.max-retries", () -> "3");
    // a pool of SMS senders and one for British numbers
    registry.add("alerting.dispatcher.twilio.from-numbers", () -> String.join(",", SMS_POOL));
    registry.add("alerting.dispatcher.twilio.country-senders.GB", () -> GB_SENDER);
    // two texts per number per three seconds, so that the limit shows within a test
    registry.add("alerting.dispatcher.senders.sms-per-destination", () -> "2");
    registry.add("alerting.dispatcher.senders.per-destination-window", () -> "3s");
    // small slices, so that an incident of a few tenants is already cut into several
    registry.add("alerting.dispatcher.fan-out.tenants-per-batch", () -> "2");
    // an unknown tenant is waited for a little, not the default half minute
    registry.add("alerting.dispatcher.fan-out.unknown-tenant-wait", () -> "3s");
    registry.add("alerting.dispatcher.fan-out.unknown-tenant-recheck", () -> "500ms");
    registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp::jwkSetUri);
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp::issuer);
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
    producer.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  @Test
  void anIncidentProducedAsRawJsonOpensOneAlertPerRecipientAndAReplayOpensNothingNew()
      throws Exception {
    var tenant =
        tenant(
            contact("ada", ContactRole.PRIMARY_SECURITY, email("ada")),
            contact("bob", ContactRole.PRIMARY_IT, email("bob")),
            contact("cio", ContactRole.CIO_CISO, email("cio")));
    var incidentId = "inc-raw-" + UUID.randomUUID();
    var json =
        """
        {"type":"incident-raised.v1","eventId":"%s","occurredAt":"2026-11-21T10:15:30Z",
         "incidentId":"%s","kind":"SECURITY_CONCERN","severity":"HIGH","title":"Leaked keys",
         "summary":"Rotate them","statusUrl":"https://status.example/1",
         "scope":{"allTenants":false,"tenantIds":["%s"]}}
        """
            .formatted(UUID.randomUUID(), incidentId, tenant.tenantId());
    produceRaw(incidentId, json);

    var ada = AlertIds.forRecipient(incidentId, tenant.tenantId(), "ada");
    var bob = AlertIds.forRecipient(incidentId, tenant.tenantId(), "bob");
    await()
        .atMost(WAIT)
        .until(
            () ->
                mailsTo(email("ada").address()).size() == 1
                    && mailsTo(email("bob").address()).size() == 1);
    assertThat(opened(incidentId))
        .extracting(AlertOpened::alertId)
        .containsExactlyInAnyOrder(ada, bob);
    assertThat(mailsTo(email("cio").address())).as("no CIO for a HIGH incident").isEmpty();
    assertThat(recorder.events(Topics.NOTICES.name(), NoticePublished.class))
        .anyMatch(n -> n.incidentId().equals(incidentId) && n.tenantId().equals(tenant.tenantId()));

    // the same record again, as a replay of the topic would deliver it, then a marker after it
    produceRaw(incidentId, json);
    var marker = tenant(contact("eve", ContactRole.PRIMARY_SECURITY, email("eve")));
    produceRaw(
        "inc-marker",
        json.replace(incidentId, "inc-marker-" + incidentId)
            .replace(tenant.tenantId(), marker.tenantId()));
    await().atMost(WAIT).until(() -> mailsTo(email("eve").address()).size() == 1);
    assertThat(opened(incidentId)).hasSize(2);
    assertThat(mailsTo(email("ada").address())).hasSize(1);
  }

  @Test
  void anIncidentsSlicesAreSpreadEvenlyOverTheFanOutPartitionsAndEachTenantIsAlertedOnce() {
    var tag = "spread-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    var tenants =
        java.util.stream.IntStream.range(0, 13)
            .mapToObj(i -> tenant(contact("sec", ContactRole.PRIMARY_SECURITY, email(tag + i))))
            .toList();
    var incidentId = "inc-" + tag + UUID.randomUUID();
    produce(
        new IncidentRaised(
            UUID.randomUUID(),
            Instant.now(),
            incidentId,
            IncidentKind.SECURITY_CONCERN,
            Severity.HIGH,
            "Spread",
            "Thirteen tenants",
            null,
            IncidentScope.tenants(
                tenants.stream().map(TenantContacts::tenantId).toArray(String[]::new))));

    await().atMost(WAIT).until(() -> opened(incidentId).size() == 13);
    var slices =
        recorder.on(DispatcherTopics.FAN_OUT.name()).stream()
            .filter(r -> r.key().startsWith(incidentId + "/"))
            .toList();
    // 13 tenants in slices of 2: 7 slices on 6 partitions, one each and the seventh on the first
    assertThat(slices).hasSize(7);
    assertThat(
            slices.stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        r -> r.partition(), java.util.stream.Collectors.counting())))
        .containsOnlyKeys(0, 1, 2, 3, 4, 5)
        .containsEntry(0, 2L);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(java.util.stream.IntStream.range(0, 13))
                    .allSatisfy(i -> assertThat(mailsTo(email(tag + i).address())).hasSize(1)));
  }

  @Test
  void malformedAndInvalidIncidentsAreDeadLetteredWithTheReasonAndThePipelineGoesOn() {
    var tenant = tenant(contact("ann", ContactRole.PRIMARY_SECURITY, email("ann")));
    produceRaw("broken", "{\"type\":\"incident-raised.v1\", not json");
    produceRaw(
        "no-title",
        """
        {"type":"incident-raised.v1","eventId":"%s","occurredAt":"2026-11-21T10:15:30Z",
         "incidentId":"no-title","kind":"SECURITY_CONCERN","severity":"HIGH",
         "scope":{"allTenants":false,"tenantIds":["%s"]}}"""
            .formatted(UUID.randomUUID(), tenant.tenantId()));
    produceRaw(
        "unknown-tenant",
        """
        {"type":"incident-raised.v1","eventId":"%s","occurredAt":"2026-11-21T10:15:30Z",
         "incidentId":"unknown-tenant","kind":"SECURITY_CONCERN","severity":"HIGH","title":"x",
         "scope":{"allTenants":false,"tenantIds":["no-such-tenant"]}}"""
            .formatted(UUID.randomUUID()));
    var good = "inc-after-bad-" + UUID.randomUUID();
    produceRaw(
        good,
        """
        {"type":"incident-raised.v1","eventId":"%s","occurredAt":"2026-11-21T10:15:30Z",
         "incidentId":"%s","kind":"SECURITY_CONCERN","severity":"LOW","title":"After the bad ones",
         "scope":{"allTenants":false,"tenantIds":["%s"]}}"""
            .formatted(UUID.randomUUID(), good, tenant.tenantId()));

    await().atMost(WAIT).until(() -> mailsTo(email("ann").address()).size() == 1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var dead = recorder.on(Topics.INCIDENTS.deadLetter());
              assertThat(dead)
                  .extracting(r -> r.key())
                  .contains("broken", "no-title", "unknown-tenant");
              assertThat(dead)
                  .filteredOn(r -> r.key().equals("no-title"))
                  .extracting(r -> TopicRecorder.header(r, "alerting-dlt-reason"))
                  .allMatch(r -> r.contains("title"));
              assertThat(dead)
                  .filteredOn(r -> r.key().equals("unknown-tenant"))
                  .extracting(r -> TopicRecorder.header(r, "alerting-dlt-reason"))
                  .allMatch(r -> r.contains("no-such-tenant"));
              assertThat(dead)
                  .filteredOn(r -> r.key().equals("broken"))
                  .extracting(r -> TopicRecorder.header(r, "alerting-dlt-reason"))
                  .allMatch(r -> r != null && !r.isBlank());
            });
  }

  @Test
  void raisingAnIncidentTakesTheResponderRoleAndTheSameIdempotencyKeyOpensNothingNew()
      throws Exception {
    var tenant = tenant(contact("kim", ContactRole.PRIMARY_SECURITY, email("kim")));
    var body =
        """
        {"kind":"SECURITY_CONCERN","severity":"CRITICAL","title":"Breach","tenantIds":["%s"]}
        """
            .formatted(tenant.tenantId());
    assertThat(post(body, null, null).statusCode()).isEqualTo(401);
    assertThat(
            post(body, idp.token("t1", "Tenant Admin", tenant.tenantId(), "TENANT_ADMIN"), null)
                .statusCode())
        .isEqualTo(403);

    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var key = UUID.randomUUID().toString();
    var first = post(body, responder, key);
    var again = post(body, responder, key);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    var incidentId = field(first.body(), "incidentId");
    assertThat(field(again.body(), "incidentId")).isEqualTo(incidentId);
    await().atMost(WAIT).until(() -> mailsTo(email("kim").address()).size() == 1);
    assertThat(recorder.on(Topics.INCIDENTS.name()))
        .filteredOn(r -> r.key().equals(incidentId))
        .hasSize(1);

    var unknown =
        post(body.replace(tenant.tenantId(), "nobody-" + UUID.randomUUID()), responder, null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown tenant");
    var noTitle =
        post(
            "{\"severity\":\"HIGH\",\"tenantIds\":[\"" + tenant.tenantId() + "\"]}",
            responder,
            null);
    assertThat(noTitle.statusCode()).isEqualTo(400);
    assertThat(noTitle.body()).contains("title");
    var scriptLink =
        post(
            body.replace("\"title\"", "\"statusUrl\":\"javascript:alert(1)\",\"title\""),
            responder,
            null);
    assertThat(scriptLink.statusCode()).isEqualTo(400);
    assertThat(field(scriptLink.body(), "field")).isEqualTo("statusUrl");
  }

  @Test
  void transientTwilioFailuresAreRetriedOnTheRetryTopicUntilTheSmsIsSent() {
    var phone = "+1415555" + (1000 + (int) (Math.random() * 8999));
    var tenant =
        tenant(contact("sam", ContactRole.PRIMARY_SECURITY, new ContactMethod(Channel.SMS, phone)));
    twilio.failNext(503, 20500, 2);
    var incidentId = raise(tenant, "CRITICAL");
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), "sam");

    var sms = await().atMost(WAIT).until(() -> smsTo(phone), s -> s.size() == 1).get(0);
    assertThat(sms.statusCallback())
        .isEqualTo(
            "https://ack.example/twilio/status?alertId=" + alertId + "&attempt=1&channel=SMS");
    assertThat(sms.body()).contains("Reply ");
    await()
        .atMost(WAIT)
        .until(() -> statuses(alertId).stream().anyMatch(s -> s.status() == DeliveryStatus.SENT));
    var retries =
        recorder.on(Topics.DELIVERIES_SMS.name() + "-retry").stream()
            .filter(r -> r.key().equals(alertId))
            .toList();
    assertThat(retries).hasSize(2);
    // spring-kafka's retry-topic headers, encoded as it encodes them, and the dead-letter
    // contract's why and whence
    assertThat(retries).extracting(r -> attempts(r)).containsExactly(2, 3);
    assertThat(retries)
        .allSatisfy(
            r -> {
              assertThat(backOffUntil(r))
                  .as("due a retry delay after it was written")
                  .isGreaterThanOrEqualTo(r.timestamp() + 100)
                  .isLessThan(r.timestamp() + 5_000);
              assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER)).contains("503");
              assertThat(TopicRecorder.header(r, DeadLetterReason.ORIGIN_HEADER))
                  .startsWith("deliveries.sms");
              assertThat(r.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)).isNotNull();
            });
    assertThat(TopicRecorder.header(retries.get(0), KafkaHeaders.DLT_ORIGINAL_TOPIC))
        .isEqualTo(Channel.SMS.deliveryTopic(Lane.CRITICAL).name());
    assertThat(TopicRecorder.header(retries.get(1), KafkaHeaders.DLT_ORIGINAL_TOPIC))
        .isEqualTo(Topics.DELIVERIES_SMS.name() + "-retry");
    assertThat(statuses(alertId)).noneMatch(s -> s.status() == DeliveryStatus.FAILED);
  }

  @Test
  void aRetryNotYetDueIsSentAfterItsDueTimeWhileTheRetrySenderKeepsPollingAndCanStop() {
    var retried = randomPhone("+1415777");
    var dueAt = Instant.now().plusSeconds(10);
    var alertId = "retry-due-" + UUID.randomUUID();
    var brief =
        new AlertBrief(
            "inc-" + alertId,
            "tenant-" + alertId,
            "Tenant",
            "rex",
            "Rex",
            Severity.HIGH,
            "Waiting retry",
            "Summary",
            null,
            "R1");
    var delivery =
        DeliveryRequested.attempt(
            alertId, 1, new ContactMethod(Channel.SMS, retried), brief, Instant.now());
    var record =
        new ProducerRecord<String, String>(
            Topics.DELIVERIES_SMS.name() + "-retry",
            delivery.key(),
            new String(EventJson.write(delivery), StandardCharsets.UTF_8));
    record
        .headers()
        .add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, ByteBuffer.allocate(4).putInt(2).array());
    record
        .headers()
        .add(
            RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
            BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
    producer.send(record);
    producer.flush();

    // not sent early; meanwhile a first delivery on a lane goes out at once
    var meanwhile = randomPhone("+1415778");
    raise(
        tenant(
            contact(
                "kit", ContactRole.PRIMARY_SECURITY, new ContactMethod(Channel.SMS, meanwhile))),
        "HIGH");
    await().atMost(WAIT).until(() -> smsTo(meanwhile).size() == 1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> smsTo(retried).isEmpty());
    assertThat(smsTo(meanwhile).get(0).receivedAt()).isBefore(dueAt);

    // the retry sender's thread is not parked until the due time: its container stops at once
    var container = listeners.getListenerContainer("sms-sender-retry");
    var stopping = System.nanoTime();
    try {
      container.stop();
      assertThat(Duration.ofNanos(System.nanoTime() - stopping))
          .as("stopped while a retry waits")
          .isLessThan(Duration.ofSeconds(3));
      assertThat(Instant.now()).as("the test needs the retry still waiting here").isBefore(dueAt);
    } finally {
      container.start();
    }

    // the handed-back record was not committed: it comes again, and is sent once it is due
    var sms = await().atMost(WAIT).until(() -> smsTo(retried), m -> m.size() == 1).get(0);
    assertThat(sms.receivedAt()).isAfterOrEqualTo(dueAt);
    await()
        .atMost(WAIT)
        .until(() -> statuses(alertId).stream().anyMatch(s -> s.status() == DeliveryStatus.SENT));
    assertThat(smsTo(retried)).hasSize(1);
  }

  static int attempts(org.apache.kafka.clients.consumer.ConsumerRecord<String, ?> record) {
    return ByteBuffer.wrap(
            record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS).value())
        .getInt();
  }

  static long backOffUntil(org.apache.kafka.clients.consumer.ConsumerRecord<String, ?> record) {
    return new BigInteger(
            record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP).value())
        .longValue();
  }

  @Test
  void aPermanentTwilioFailureReportsFailedAtOnceWithoutRetrying() {
    var phone = "+1415666" + (1000 + (int) (Math.random() * 8999));
    var tenant =
        tenant(contact("pat", ContactRole.PRIMARY_SECURITY, new ContactMethod(Channel.SMS, phone)));
    twilio.failNext(400, 21211, 1);
    var incidentId = raise(tenant, "CRITICAL");
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), "pat");

    var failed = await().atMost(WAIT).until(() -> statuses(alertId), s -> !s.isEmpty()).get(0);
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.reason()).contains("21211");
    assertThat(smsTo(phone)).isEmpty();
    assertThat(recorder.on(Topics.DELIVERIES_SMS.name() + "-retry"))
        .noneMatch(r -> r.key().equals(alertId));
  }

  @Test
  void aVoiceAttemptCallsWithTheVoiceUrlStatusCallbackMachineDetectionAndCallerId() {
    var phone = "+1415777" + (1000 + (int) (Math.random() * 8999));
    var tenant =
        tenant(
            contact("vic", ContactRole.PRIMARY_SECURITY, new ContactMethod(Channel.VOICE, phone)));
    var incidentId = raise(tenant, "CRITICAL");
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), "vic");

    var call =
        await()
            .atMost(WAIT)
            .until(
                () -> twilio.calls().stream().filter(c -> c.to().equals(phone)).toList(),
                c -> c.size() == 1)
            .get(0);
    assertThat(call.from()).isEqualTo("+15005550001");
    assertThat(call.url())
        .isEqualTo("https://ack.example/twilio/voice?alertId=" + alertId + "&attempt=1");
    assertThat(call.statusCallback())
        .isEqualTo(
            "https://ack.example/twilio/status?alertId=" + alertId + "&attempt=1&channel=VOICE");
    assertThat(call.machineDetection()).isEqualTo("Enable");
  }

  @Test
  void anUpdateFollowsUpEveryoneAlertedAndAClosureClosesTheOpenAlerts() {
    var tenant = tenant(contact("uma", ContactRole.PRIMARY_SECURITY, email("uma")));
    var incidentId = raise(tenant, "HIGH");
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), "uma");
    await().atMost(WAIT).until(() -> mailsTo(email("uma").address()).size() == 1);
    await().atMost(WAIT).until(() -> !opened(incidentId).isEmpty());

    produce(
        new IncidentUpdated(
            UUID.randomUUID(),
            Instant.now(),
            incidentId,
            "Keys rotated",
            "https://status.example/updated"));
    var followUp =
        await()
            .atMost(WAIT)
            .until(() -> mailsTo(email("uma").address()), m -> m.size() == 2)
            .get(1);
    assertThat(followUp.subject()).startsWith("Update:");
    assertThat(followUp.text())
        .contains("Keys rotated", "https://status.example/updated", "No reply is needed");

    produce(new IncidentClosed(UUID.randomUUID(), Instant.now(), incidentId, "resolved"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.events(Topics.ALERTS.name(), AlertClosed.class).stream()
                    .anyMatch(c -> c.alertId().equals(alertId) && c.reason().equals("resolved")));
  }

  @Test
  void aResponderFollowsUpByRestAndEveryoneAlertedIsEmailedWithTheNewStatusPage() throws Exception {
    var tenant =
        tenant(
            contact("fay", ContactRole.PRIMARY_SECURITY, email("fay")),
            contact("gus", ContactRole.PRIMARY_IT, email("gus")));
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var incidentId = raiseByRest(tenant, responder);
    await()
        .atMost(WAIT)
        .until(
            () ->
                mailsTo(email("fay").address()).size() == 1
                    && mailsTo(email("gus").address()).size() == 1);
    await().atMost(WAIT).until(() -> opened(incidentId).size() == 2);

    var accepted =
        postTo(
            "/api/incidents/" + incidentId + "/follow-ups",
            "{\"message\":\"  Keys rotated; no action needed  \",\"statusUrl\":\"https://status.example/rotated\"}",
            responder);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(field(accepted.body(), "incidentId")).isEqualTo(incidentId);

    for (var who : List.of("fay", "gus")) {
      var followUp =
          await()
              .atMost(WAIT)
              .until(() -> mailsTo(email(who).address()), m -> m.size() == 2)
              .get(1);
      assertThat(followUp.subject()).startsWith("Update:").contains("REST incident");
      assertThat(followUp.text())
          .contains("Keys rotated; no action needed", "https://status.example/rotated");
    }
    assertThat(recorder.events(Topics.INCIDENTS.name(), IncidentUpdated.class))
        .filteredOn(u -> u.incidentId().equals(incidentId))
        .singleElement()
        .satisfies(
            u ->
                assertThat(u.message())
                    .as("stored stripped")
                    .isEqualTo("Keys rotated; no action needed"));

    var withoutUrl =
        postTo(
            "/api/incidents/" + incidentId + "/follow-ups",
            "{\"message\":\"Still watching\"}",
            responder);
    assertThat(withoutUrl.statusCode()).isEqualTo(202);
    var second =
        await()
            .atMost(WAIT)
            .until(() -> mailsTo(email("fay").address()), m -> m.size() == 3)
            .get(2);
    assertThat(second.text())
        .as("the incident's own status page, which it has none of here")
        .contains("Still watching")
        .doesNotContain("https://status.example/rotated");
  }

  @Test
  void closingAnIncidentByRestClosesItsOpenAlertsAndNothingFollowsAClosure() throws Exception {
    var tenant = tenant(contact("hal", ContactRole.PRIMARY_SECURITY, email("hal")));
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var incidentId = raiseByRest(tenant, responder);
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), "hal");
    await().atMost(WAIT).until(() -> opened(incidentId).size() == 1);
    assertThat(field(get("/api/incidents/" + incidentId, responder).body(), "status"))
        .isEqualTo("OPEN");

    var closed =
        postTo(
            "/api/incidents/" + incidentId + "/close",
            "{\"reason\":\"Keys rotated everywhere\"}",
            responder);
    assertThat(closed.statusCode()).isEqualTo(202);
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.events(Topics.ALERTS.name(), AlertClosed.class).stream()
                    .anyMatch(
                        c ->
                            c.alertId().equals(alertId)
                                && c.reason().equals("Keys rotated everywhere")));
    assertThat(recorder.events(Topics.INCIDENTS.name(), IncidentClosed.class))
        .filteredOn(c -> c.incidentId().equals(incidentId))
        .hasSize(1);
    var board = JSON.readTree(get("/api/incidents/" + incidentId, responder).body());
    assertThat(board.get("status").asString()).isEqualTo("CLOSED");
    assertThat(board.get("closedAt").asString()).isNotBlank();

    var again = postTo("/api/incidents/" + incidentId + "/close", "{}", responder);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(field(again.body(), "detail")).contains("is closed");
    var late =
        postTo(
            "/api/incidents/" + incidentId + "/follow-ups",
            "{\"message\":\"Too late\"}",
            responder);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(recorder.events(Topics.INCIDENTS.name(), IncidentUpdated.class))
        .noneMatch(u -> u.incidentId().equals(incidentId));
    assertThat(mailsTo(email("hal").address())).noneMatch(m -> m.subject().startsWith("Update:"));
  }

  @Test
  void followUpsAndClosuresTakeTheResponderRoleKnowTheIncidentAndNameTheBadField()
      throws Exception {
    var tenant = tenant(contact("ivy", ContactRole.PRIMARY_SECURITY, email("ivy")));
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var incidentId = raiseByRest(tenant, responder);
    var followUps = "/api/incidents/" + incidentId + "/follow-ups";
    var close = "/api/incidents/" + incidentId + "/close";
    var message = "{\"message\":\"News\"}";

    assertThat(postTo(followUps, message, null).statusCode()).isEqualTo(401);
    var support = idp.token("sam", "Sam Support", null, "SUPPORT");
    var platform = idp.token("pia", "Pia Platform", null, "PLATFORM");
    var admin = idp.token("t1", "Tenant Admin", tenant.tenantId(), "TENANT_ADMIN");
    for (var token : List.of(support, platform, admin)) {
      assertThat(postTo(followUps, message, token).statusCode()).isEqualTo(403);
      assertThat(postTo(close, "{}", token).statusCode()).isEqualTo(403);
    }
    assertThat(
            postTo(
                    "/api/incidents/inc-nothing-" + UUID.randomUUID() + "/follow-ups",
                    message,
                    responder)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            postTo("/api/incidents/inc-nothing-" + UUID.randomUUID() + "/close", "{}", responder)
                .statusCode())
        .isEqualTo(404);

    var blank = postTo(followUps, "{\"message\":\"   \"}", responder);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(field(blank.body(), "field")).isEqualTo("message");
    assertThat(field(postTo(followUps, "{}", responder).body(), "field")).isEqualTo("message");
    var tooLong = postTo(followUps, "{\"message\":\"" + "x".repeat(2001) + "\"}", responder);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(field(tooLong.body(), "field")).isEqualTo("message");
    for (var url :
        List.of("ftp://status.example/1", "javascript:alert(1)", "status.example", "https://")) {
      var badUrl =
          postTo(followUps, "{\"message\":\"News\",\"statusUrl\":\"" + url + "\"}", responder);
      assertThat(badUrl.statusCode()).as(url).isEqualTo(400);
      assertThat(field(badUrl.body(), "field")).as(url).isEqualTo("statusUrl");
    }
    var longReason = postTo(close, "{\"reason\":\"" + "x".repeat(501) + "\"}", responder);
    assertThat(field(longReason.body(), "field")).isEqualTo("reason");
    assertThat(field(get("/api/incidents/" + incidentId, responder).body(), "status"))
        .as("nothing refused was written")
        .isEqualTo("OPEN");
    assertThat(recorder.events(Topics.INCIDENTS.name(), IncidentUpdated.class))
        .noneMatch(u -> u.incidentId().equals(incidentId));
  }

  @Test
  void aConfirmationRequestReachesTheNamedContactOnlyOnTheAllowedChannels() {
    var phone = "+1415888" + (1000 + (int) (Math.random() * 8999));
    var tenant =
        tenant(
            contact(
                "cora",
                ContactRole.PRIMARY_SECURITY,
                email("cora"),
                new ContactMethod(Channel.VOICE, phone)));
    var requestId = "sar-" + UUID.randomUUID();
    produce(
        new ConfirmationRequested(
            UUID.randomUUID(),
            Instant.now(),
            requestId,
            tenant.tenantId(),
            List.of("cora"),
            Set.of(Channel.VOICE),
            "Confirm re-enabling support access",
            "Press 1"));
    var alertId = AlertIds.forRecipient(requestId, tenant.tenantId(), "cora");

    var call =
        await()
            .atMost(WAIT)
            .until(
                () -> twilio.calls().stream().filter(c -> c.to().equals(phone)).toList(),
                c -> c.size() == 1)
            .get(0);
    assertThat(call.url()).contains("alertId=" + alertId);
    assertThat(opened(requestId))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.methods())
                  .extracting(ContactMethod::channel)
                  .containsExactly(Channel.VOICE);
              assertThat(a.brief().correlation().confirmationOf())
                  .as("the alert names its request")
                  .contains(requestId);
            });
    assertThat(mailsTo(email("cora").address())).isEmpty();

    produce(
        new ConfirmationClosed(UUID.randomUUID(), Instant.now(), requestId, "cancelled by Cora"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.events(Topics.ALERTS.name(), AlertClosed.class).stream()
                    .anyMatch(
                        c ->
                            c.alertId().equals(alertId) && c.reason().equals("cancelled by Cora")));
    assertThat(recorder.on(Topics.INCIDENTS.name()))
        .as("a confirmation is no incident")
        .noneMatch(r -> r.key().equals(requestId));
  }

  @Test
  void aVerificationDrillReachesEachMethodOnceInWordsThatSayItIsATestNotAnIncident() {
    var phone = "+1415777" + (1000 + (int) (Math.random() * 8999));
    var sms = new ContactMethod(Channel.SMS, phone);
    var tenant = tenant(contact("vera", ContactRole.PRIMARY_SECURITY, email("vera"), sms));
    var drillId = "drill-" + UUID.randomUUID();
    var targets =
        List.of(
            new VerificationRequested.Target("vera", "Vera Drill", email("vera")),
            new VerificationRequested.Target("vera", "Vera Drill", sms));
    produce(
        new VerificationRequested(
            UUID.randomUUID(),
            Instant.now(),
            drillId,
            tenant.tenantId(),
            tenant.tenantName(),
            VerificationRequested.Trigger.ADMIN,
            "admin-1",
            targets));

    var mail =
        await().atMost(WAIT).until(() -> mailsTo(email("vera").address()), m -> m.size() == 1);
    assertThat(mail.get(0).subject())
        .isEqualTo("Please confirm your security contact address for " + tenant.tenantName());
    assertThat(mail.get(0).text())
        .contains("This is a test, not a security incident.", "/ack/")
        .doesNotContain("security concern");
    var text = await().atMost(WAIT).until(() -> smsTo(phone), m -> m.size() == 1);
    assertThat(text.get(0).body()).startsWith("TEST, not an incident: ");
    assertThat(opened(drillId))
        .as("one alert per method, each with that one method and one attempt")
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.methods()).hasSize(1);
              assertThat(a.lastAttempt()).isEqualTo(1);
              assertThat(a.brief().severity()).as("the lowest lane").isEqualTo(Severity.LOW);
              assertThat(a.brief().correlation().verificationOf()).contains(drillId);
              assertThat(a.alertId())
                  .isEqualTo(
                      new VerificationRequested.Target("vera", "Vera Drill", a.methods().get(0))
                          .alertId(drillId, tenant.tenantId()));
            });

    // a drill read twice (redelivered, or sent again by the outbox) opens nothing new
    produce(
        new VerificationRequested(
            UUID.randomUUID(),
            Instant.now(),
            drillId,
            tenant.tenantId(),
            tenant.tenantName(),
            VerificationRequested.Trigger.ADMIN,
            "admin-1",
            targets));
    var marker =
        raise(tenant(contact("after", ContactRole.PRIMARY_SECURITY, email("after"))), "LOW");
    await().atMost(WAIT).until(() -> !opened(marker).isEmpty());
    assertThat(opened(drillId)).hasSize(2);
    assertThat(recorder.on(Topics.INCIDENTS.name()))
        .as("a drill is no incident")
        .noneMatch(r -> r.key().equals(drillId));
  }

  @Test
  void anIncidentStartsWithTheChannelEachContactLastConfirmedInADrillTheOthersInTheirOrder() {
    var phone = "+1415666" + (1000 + (int) (Math.random() * 8999));
    var sms = new ContactMethod(Channel.SMS, phone);
    var tenant =
        tenant(
            contact("val", ContactRole.PRIMARY_SECURITY, email("val"), sms),
            contact("undrilled", ContactRole.PRIMARY_IT, email("undrilled"), sms));
    // Val confirmed a drill's text: its acknowledged state on alerts.state.v1
    var brief =
        new AlertBrief(
            "drill-" + UUID.randomUUID(),
            tenant.tenantId(),
            tenant.tenantName(),
            "val",
            "val",
            Severity.LOW,
            "Verification",
            null,
            null,
            "AB12",
            Correlation.verification("drill-val"));
    var now = Instant.now();
    produce(
        new AlertState(
            UUID.randomUUID(),
            now,
            "drill-alert-val",
            AlertStatus.ACKNOWLEDGED,
            1,
            brief,
            List.of(
                new AttemptRecord(
                    1, Channel.SMS, now, now.plusSeconds(60), DeliveryStatus.DELIVERED, now)),
            null,
            "acknowledged"));
    await().atMost(WAIT).until(() -> verified.latestVerified(tenant.tenantId(), "val").isPresent());

    var incidentId = raise(tenant, "CRITICAL");

    var alerts = await().atMost(WAIT).until(() -> opened(incidentId), a -> a.size() == 2);
    assertThat(alerts)
        .filteredOn(a -> a.brief().contactId().equals("val"))
        .singleElement()
        .extracting(a -> a.methods().stream().map(ContactMethod::channel).toList())
        .isEqualTo(List.of(Channel.SMS, Channel.EMAIL));
    assertThat(alerts)
        .filteredOn(a -> a.brief().contactId().equals("undrilled"))
        .singleElement()
        .extracting(a -> a.methods().stream().map(ContactMethod::channel).toList())
        .as("never drilled: the tenant's order")
        .isEqualTo(List.of(Channel.EMAIL, Channel.SMS));
    await().atMost(WAIT).until(() -> smsTo(phone), t -> !t.isEmpty());
  }

  @Test
  void theAdminsOfATenantAtRiskAreAskedByEmailToReviewItsContactsWithTheRisksInWords() {
    var admin = "admin-" + UUID.randomUUID() + "@dispatcher-test.example";
    produce(
        new ContactsReviewRequested(
            UUID.randomUUID(),
            Instant.now(),
            "umbrella",
            "Umbrella Corp",
            2,
            List.of("only one verified channel (EMAIL)"),
            List.of("Ada Lovelace, SMS +14155550100: last attempt failed: undelivered"),
            List.of(admin)));

    var mail = await().atMost(WAIT).until(() -> mailsTo(admin), m -> m.size() == 1).get(0);
    assertThat(mail.subject())
        .isEqualTo("Reminder: please review the security contacts of Umbrella Corp");
    assertThat(mail.text())
        .contains(
            "- only one verified channel (EMAIL)",
            "- Ada Lovelace, SMS +14155550100: last attempt failed: undelivered",
            "start a verification");
  }

  @Test
  void aTenantWithNoReachableContactIsReportedNotSkipped() {
    var tenant = tenant(contact("mute", ContactRole.PRIMARY_SECURITY));
    var incidentId = raise(tenant, "HIGH");
    await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.events(Topics.TENANTS_UNREACHABLE.name(), TenantUnreachable.class).stream()
                    .anyMatch(
                        u ->
                            u.incidentId().equals(incidentId)
                                && u.tenantId().equals(tenant.tenantId())));
    assertThat(recorder.events(Topics.INCIDENTS.name(), TenantUnreachable.class))
        .as("incidents.v1 holds incidents only")
        .noneMatch(u -> u.incidentId().equals(incidentId));
  }

  @Test
  void aContactChangeIsEmailedToEveryAddressItNames() {
    var added =
        new ContactAdded(
            UUID.randomUUID(),
            Instant.now(),
            "chg-" + UUID.randomUUID(),
            "Initech",
            new alerting.events.Actor("u-9", "Peter Gibbons"),
            contact("new", ContactRole.PRIMARY_IT, email("new")),
            List.of("admin@initech.example", "new@initech.example"));
    produce(added);
    var mails =
        await().atMost(WAIT).until(() -> mailsTo("admin@initech.example"), m -> m.size() == 1);
    assertThat(mails.get(0).to())
        .as("one message per address")
        .containsExactly("admin@initech.example");
    assertThat(mails.get(0).subject()).contains("Initech", "was added");
    assertThat(mails.get(0).text()).contains("Peter Gibbons", "PRIMARY_IT");
    await().atMost(WAIT).until(() -> mailsTo("new@initech.example"), m -> m.size() == 1);
  }

  @Test
  void anAddressTheMailServerWouldRefuseNeverKeepsTheOthersFromBeingToldOfAChange() {
    var added =
        new ContactAdded(
            UUID.randomUUID(),
            Instant.now(),
            "chg-" + UUID.randomUUID(),
            "Initrode",
            new alerting.events.Actor("u-9", "Peter Gibbons"),
            contact("new", ContactRole.PRIMARY_IT, email("new")),
            List.of(
                "<svg/onload=alert(1)>@x.io", "first@initrode.example", "second@initrode.example"));
    produce(added);
    await().atMost(WAIT).until(() -> mailsTo("first@initrode.example"), m -> m.size() == 1);
    await().atMost(WAIT).until(() -> mailsTo("second@initrode.example"), m -> m.size() == 1);
  }

  @Test
  void supportIsToldByEmailAndRefusedTheCoverageOfATenantThatBlockedSupportAccess()
      throws Exception {
    var tenant = tenant(contact("lee", ContactRole.PRIMARY_SECURITY, email("lee")));
    var incidentId = raise(tenant, "HIGH");
    await().atMost(WAIT).until(() -> opened(incidentId).size() == 1);
    var support = idp.token("sam", "Sam Support", null, "SUPPORT");
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    assertThat(get("/api/incidents/" + incidentId, support).statusCode()).isEqualTo(200);

    produce(
        new SupportAccessChanged(
            UUID.randomUUID(),
            Instant.now(),
            tenant.tenantId(),
            tenant.tenantName(),
            "sar-" + UUID.randomUUID(),
            SupportAccessChanged.Action.DISABLE,
            SupportAccessChanged.Step.DISABLED,
            false,
            new alerting.events.Actor("lee", "Lee"),
            "signed form v1",
            List.of(email("lee").address())));
    var mails =
        await()
            .atMost(WAIT)
            .until(
                () -> mailsTo(email("lee").address()),
                m -> m.stream().anyMatch(x -> x.subject().contains("Customer Support Access")));
    assertThat(mails)
        .anySatisfy(m -> assertThat(m.subject()).contains(tenant.tenantName(), "is disabled"));
    var refused =
        await()
            .atMost(WAIT)
            .until(() -> get("/api/incidents/" + incidentId, support), r -> r.statusCode() == 403);
    assertThat(refused.body())
        .contains("support access is disabled by the tenant " + tenant.tenantId());
    assertThat(get("/api/incidents/" + incidentId + "/alerts", support).statusCode())
        .isEqualTo(403);
    assertThat(get("/api/incidents/" + incidentId, responder).statusCode()).isEqualTo(200);
    var listed = JSON.readTree(get("/api/incidents?size=100", support).body());
    assertThat(listed.get("incidents").valueStream().map(i -> i.get("incidentId").asString()))
        .as("the list withholds it from support too")
        .doesNotContain(incidentId);
    assertThat(listed.get("withheld").asInt()).isPositive();
    assertThat(
            JSON.readTree(get("/api/incidents?size=100", responder).body())
                .get("incidents")
                .valueStream()
                .map(i -> i.get("incidentId").asString()))
        .contains(incidentId);
  }

  @Test
  void aTokenCarryingSupportIsRefusedABlockingTenantsCoverageWhateverOtherRoleOrTenantClaimItHas()
      throws Exception {
    var tenant = tenant(contact("lou", ContactRole.PRIMARY_SECURITY, email("lou")));
    var incidentId = raise(tenant, "HIGH");
    await().atMost(WAIT).until(() -> opened(incidentId).size() == 1);
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var mixed =
        List.of(
            idp.token("sam", "Sam Support", null, "SUPPORT", "RESPONDER"),
            idp.token("sam", "Sam Support", null, "SUPPORT", "PLATFORM"),
            idp.token(
                "sam", "Sam Support", tenant.tenantId(), "SUPPORT", "RESPONDER", "TENANT_ADMIN"));

    produce(
        new SupportAccessChanged(
            UUID.randomUUID(),
            Instant.now(),
            tenant.tenantId(),
            tenant.tenantName(),
            "sar-" + UUID.randomUUID(),
            SupportAccessChanged.Action.DISABLE,
            SupportAccessChanged.Step.DISABLED,
            false,
            new alerting.events.Actor("lou", "Lou"),
            "signed form v1",
            List.of()));
    await()
        .atMost(WAIT)
        .until(() -> get("/api/incidents/" + incidentId, mixed.get(0)).statusCode() == 403);
    for (var token : mixed) {
      var refused = get("/api/incidents/" + incidentId, token);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body())
          .contains("support access is disabled by the tenant " + tenant.tenantId());
      assertThat(get("/api/incidents/" + incidentId + "/alerts", token).statusCode())
          .isEqualTo(403);
      assertThat(
              JSON.readTree(get("/api/incidents?size=100", token).body())
                  .get("incidents")
                  .valueStream()
                  .map(i -> i.get("incidentId").asString()))
          .doesNotContain(incidentId);
    }
    assertThat(get("/api/incidents/" + incidentId, responder).statusCode())
        .as("a responder alone still reads it")
        .isEqualTo(200);
  }

  @Test
  void theCoverageBoardPagesAndFiltersAnIncidentsAlertsAndCountsAProviderHandOverAsDelivered()
      throws Exception {
    var acme =
        tenant(
            contact("ann", ContactRole.PRIMARY_SECURITY, email("cov-ann")),
            contact("bob", ContactRole.PRIMARY_IT, email("cov-bob")));
    var globex = tenant(contact("cy", ContactRole.PRIMARY_SECURITY, email("cov-cy")));
    var initech = tenant(contact("dorothy", ContactRole.PRIMARY_SECURITY, email("cov-dorothy")));
    var incidentId = "inc-cov-" + UUID.randomUUID();
    produce(
        new IncidentRaised(
            UUID.randomUUID(),
            Instant.now(),
            incidentId,
            IncidentKind.SECURITY_CONCERN,
            Severity.HIGH,
            "Coverage board",
            null,
            null,
            IncidentScope.tenants(acme.tenantId(), globex.tenantId(), initech.tenantId())));
    await().atMost(WAIT).until(() -> opened(incidentId).size() == 4);
    // what the escalation-worker would publish: an email handed to SMTP, an ack, a failure, one
    // queued
    var now = Instant.now();
    var states =
        List.of(
            state(
                incidentId,
                acme,
                "ann",
                alerting.events.AlertStatus.OPEN,
                DeliveryStatus.SENT,
                now),
            state(incidentId, acme, "bob", alerting.events.AlertStatus.ACKNOWLEDGED, null, now),
            state(
                incidentId,
                globex,
                "cy",
                alerting.events.AlertStatus.EXHAUSTED,
                DeliveryStatus.FAILED,
                now),
            state(incidentId, initech, "dorothy", alerting.events.AlertStatus.OPEN, null, now));
    states.forEach(DispatcherPipelineTest::produce);
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");

    var all =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    JSON.readTree(
                        get("/api/incidents/" + incidentId + "/alerts", responder).body()),
                j ->
                    j.get("counts").get("recipients").asInt() == 4
                        && j.get("totals").get("EXHAUSTED").asInt() == 1);
    assertThat(all.get("counts").get("delivered").asInt())
        .as("SENT and ACKNOWLEDGED count, FAILED not")
        .isEqualTo(2);
    var bob =
        all.get("alerts")
            .valueStream()
            .filter(a -> a.get("contactName").asString().equals("bob"))
            .findFirst()
            .orElseThrow();
    assertThat(bob.get("tenantName").asString()).isEqualTo(acme.tenantName());
    assertThat(bob.get("timeToAck").asString()).isEqualTo("PT42S");
    assertThat(bob.get("lastChangedAt").asString()).isNotBlank();
    assertThat(all.get("alerts").valueStream().map(a -> a.get("tenantId").asString()))
        .as("in board order")
        .isSorted();

    var acked =
        JSON.readTree(
            get("/api/incidents/" + incidentId + "/alerts?status=acknowledged", responder).body());
    assertThat(acked.get("matching").asInt()).isEqualTo(1);
    assertThat(acked.get("totals").get("OPEN").asInt())
        .as("totals are over the whole incident")
        .isEqualTo(2);
    assertThat(acked.get("alerts").get(0).get("contactName").asString()).isEqualTo("bob");
    var ofGlobex =
        JSON.readTree(
            get("/api/incidents/" + incidentId + "/alerts?tenant=" + globex.tenantId(), responder)
                .body());
    assertThat(ofGlobex.get("alerts").valueStream().map(a -> a.get("contactName").asString()))
        .containsExactly("cy");
    var byText =
        JSON.readTree(get("/api/incidents/" + incidentId + "/alerts?q=roTH", responder).body());
    assertThat(byText.get("alerts").valueStream().map(a -> a.get("contactName").asString()))
        .containsExactly("dorothy");
    var secondPage =
        JSON.readTree(
            get("/api/incidents/" + incidentId + "/alerts?page=1&size=3", responder).body());
    assertThat(secondPage.get("alerts")).hasSize(1);
    assertThat(secondPage.get("page").get("totalPages").asInt()).isEqualTo(2);
    assertThat(secondPage.get("page").get("totalItems").asInt()).isEqualTo(4);

    var board = JSON.readTree(get("/api/incidents/" + incidentId + "?size=2", responder).body());
    assertThat(board.get("title").asString()).isEqualTo("Coverage board");
    assertThat(board.get("totals").get("delivered").asInt()).isEqualTo(2);
    assertThat(board.get("tenants")).hasSize(2);
    assertThat(board.get("tenantsPage").get("totalItems").asInt()).isEqualTo(3);
    assertThat(board.get("tenantsPage").get("totalPages").asInt()).isEqualTo(2);
    var email =
        board
            .get("channels")
            .valueStream()
            .filter(c -> c.get("channel").asString().equals("EMAIL"))
            .findFirst()
            .orElseThrow();
    assertThat(email.get("queued").asInt())
        .as("dorothy's; bob acknowledged before his email left")
        .isEqualTo(1);
    assertThat(email.get("sent").asInt()).isEqualTo(1);
    assertThat(email.get("failed").asInt()).isEqualTo(1);
    assertThat(email.get("firstAttemptsPending").asInt()).isEqualTo(1);
    assertThat(email.hasNonNull("etaSeconds")).as("no send has a time yet").isFalse();
    assertThat(email.get("etaUnknownReason").asString()).isEqualTo("send times not reported yet");
    assertThat(all.get("channels")).as("every channel, on the alert pages too").hasSize(3);
    var found =
        JSON.readTree(
            get("/api/incidents/" + incidentId + "?q=" + globex.tenantId().toUpperCase(), responder)
                .body());
    assertThat(found.get("tenants").valueStream().map(t -> t.get("tenantId").asString()))
        .containsExactly(globex.tenantId());

    var list = JSON.readTree(get("/api/incidents?size=100", responder).body());
    var row =
        list.get("incidents")
            .valueStream()
            .filter(i -> i.get("incidentId").asString().equals(incidentId))
            .findFirst()
            .orElseThrow();
    assertThat(row.get("status").asString()).isEqualTo("OPEN");
    assertThat(row.get("scope").get("tenantCount").asInt()).isEqualTo(3);
    assertThat(row.get("totals").get("recipients").asInt()).isEqualTo(4);
    assertThat(row.get("totals").get("acknowledged").asInt()).isEqualTo(1);
  }

  @Test
  void everyChannelsSendBacklogGaugesAreScrapedWithTheirDescriptions() throws Exception {
    var scrape =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (var name :
        List.of(
            "alerting_deliveries_queued",
            "alerting_deliveries_send_rate",
            "alerting_deliveries_first_attempts_eta_seconds")) {
      assertThat(scrape).contains("# HELP " + name + " ");
      for (var channel : Channel.values()) {
        assertThat(scrape).containsPattern("(?m)^" + name + "\\{[^}]*channel=\"" + channel + "\"");
      }
    }
  }

  @Test
  void theOpenApiDescriptionIsServedWithoutATokenAndListsTheIncidentApi() throws Exception {
    var docs =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body())
        .contains(
            "\"openapi\":\"3.",
            "\"bearerFormat\":\"JWT\"",
            "\"/api/incidents\"",
            "\"/api/incidents/{incidentId}\"",
            "\"/api/incidents/{incidentId}/alerts\"",
            "\"/api/incidents/{incidentId}/follow-ups\"",
            "\"/api/incidents/{incidentId}/close\"");
    var ui =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/swagger-ui/index.html"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/incidents"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("the API itself still needs a token")
        .isEqualTo(401);
  }

  @Test
  void aBodyOverTheLimitIsA413HoweverItIsSentAndNothingIsRaised() throws Exception {
    var tenant = tenant(contact("uma", ContactRole.PRIMARY_SECURITY, email("uma")));
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var incident =
        "{\"severity\":\"HIGH\",\"tenantIds\":[\"" + tenant.tenantId() + "\"],\"title\":\"";
    var declared = post(incident + "x".repeat(1_500_000) + "\"}", responder, null);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

    var megabyte = (incident + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    var chunked =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + responder)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(megabyte)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(field(chunked.body(), "title")).isEqualTo("Request too large");

    var small = (incident + "Chunked but small\"}").getBytes(StandardCharsets.UTF_8);
    var read =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + responder)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode())
        .as("a chunked body under the limit is read as sent")
        .isEqualTo(202);
  }

  @Test
  void overLongOrControlCharacterIncidentTextIsA400NamingTheField() throws Exception {
    var tenant = tenant(contact("vic", ContactRole.PRIMARY_SECURITY, email("vic")));
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var scope = "\"severity\":\"HIGH\",\"tenantIds\":[\"" + tenant.tenantId() + "\"]";
    var refused = new LinkedHashMap<String, String>();
    refused.put("{" + scope + ",\"title\":\"" + "x".repeat(501) + "\"}", "title");
    refused.put(
        "{" + scope + ",\"title\":\"Breach\",\"summary\":\"" + "x".repeat(4001) + "\"}", "summary");
    refused.put("{" + scope + ",\"title\":\"Bre\\u0000ach\"}", "title");
    refused.put("{" + scope + ",\"title\":\"Two\\nlines\"}", "title");
    refused.put(
        "{" + scope + ",\"title\":\"Breach\",\"summary\":\"see \\u202Etxt.exe\"}", "summary");
    refused.put(
        "{" + scope + ",\"title\":\"Breach\",\"summary\":\"isolate \\u2067this\"}", "summary");
    for (var body : refused.entrySet()) {
      var answer = post(body.getKey(), responder, null);
      assertThat(answer.statusCode()).as(body.getValue()).isEqualTo(400);
      assertThat(field(answer.body(), "field")).isEqualTo(body.getValue());
    }
    var multiline =
        post(
            "{" + scope + ",\"title\":\"" + "x".repeat(500) + "\",\"summary\":\"What:\\n\\tall\"}",
            responder,
            null);
    assertThat(multiline.statusCode())
        .as("the longest title and a summary with line breaks")
        .isEqualTo(202);

    var incidentId = raiseByRest(tenant, responder);
    var nul =
        postTo(
            "/api/incidents/" + incidentId + "/follow-ups",
            "{\"message\":\"News\\u0000\"}",
            responder);
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(field(nul.body(), "field")).isEqualTo("message");
    var bidi =
        postTo(
            "/api/incidents/" + incidentId + "/close", "{\"reason\":\"done\\u202D\"}", responder);
    assertThat(field(bidi.body(), "field")).isEqualTo("reason");
  }

  @Test
  void theErrorPageIsNotDeniedSoAForwardedErrorKeepsItsStatusInsteadOfBecomingA403()
      throws Exception {
    // the container forwards an unhandled failure (a refused Kafka write) to /error; fetched
    // directly it has none to report
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    assertThat(get("/error", responder).statusCode()).isEqualTo(500);
  }

  @Test
  void aTokenSignedWithTheRightKeyIsStillRefusedUnlessItIsForOurIssuerAndAudienceAndUnexpired()
      throws Exception {
    assertThat(
            get("/api/incidents?size=1", responderToken(idp.issuer(), List.of("alerting"), 600))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get("/api/incidents?size=1", responderToken(idp.issuer(), List.of(), 600)).statusCode())
        .as("no audience")
        .isEqualTo(401);
    assertThat(
            get("/api/incidents?size=1", responderToken(idp.issuer(), List.of("billing"), 600))
                .statusCode())
        .as("another audience")
        .isEqualTo(401);
    assertThat(
            get(
                    "/api/incidents?size=1",
                    responderToken("https://elsewhere.example", List.of("alerting"), 600))
                .statusCode())
        .as("another issuer")
        .isEqualTo(401);
    assertThat(
            get("/api/incidents?size=1", responderToken(idp.issuer(), List.of("alerting"), -120))
                .statusCode())
        .as("expired two minutes ago, beyond the clock skew allowed")
        .isEqualTo(401);
  }

  private static String responderToken(String issuer, List<String> audience, long validForSeconds) {
    var now = Instant.now();
    return idp.sign(
        new com.nimbusds.jwt.JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject("r1")
            .claim("name", "Rita Responder")
            .claim("roles", List.of("RESPONDER"))
            .issueTime(java.util.Date.from(now.minusSeconds(600)))
            .expirationTime(java.util.Date.from(now.plusSeconds(validForSeconds)))
            .build());
  }

  @Test
  void aBadQueryParameterIsA400ProblemNamingTheParameter() throws Exception {
    var responder = idp.token("r1", "Rita Responder", null, "RESPONDER");
    var tooBig = get("/api/incidents/any/alerts?size=501", responder);
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(tooBig.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(field(tooBig.body(), "field")).isEqualTo("size");
    assertThat(field(tooBig.body(), "detail")).isEqualTo("size: must be between 1 and 500");
    assertThat(field(get("/api/incidents/any/alerts?status=LOST", responder).body(), "field"))
        .isEqualTo("status");
    assertThat(field(get("/api/incidents?page=-1", responder).body(), "field")).isEqualTo("page");
    assertThat(field(get("/api/incidents/any?size=0", responder).body(), "field"))
        .isEqualTo("size");

    var tenant = tenant(contact("tia", ContactRole.PRIMARY_SECURITY, email("tia")));
    var noTitle =
        post(
            "{\"severity\":\"HIGH\",\"tenantIds\":[\"" + tenant.tenantId() + "\"]}",
            responder,
            null);
    assertThat(noTitle.statusCode()).isEqualTo(400);
    assertThat(field(noTitle.body(), "field")).isEqualTo("title");
    var badSeverity =
        post(
            "{\"severity\":\"HUGE\",\"title\":\"x\",\"tenantIds\":[\"" + tenant.tenantId() + "\"]}",
            responder,
            null);
    assertThat(field(badSeverity.body(), "field")).isEqualTo("severity");
  }

  @Test
  void aThrottleWithRetryAfterSlowsTheSmsChannelAndEveryTextIsStillSentExactlyOnce() {
    var phones =
        java.util.stream.IntStream.range(0, 5).mapToObj(i -> randomPhone("+1415444")).toList();
    var tenant =
        tenant(
            java.util.stream.IntStream.range(0, 5)
                .mapToObj(
                    i ->
                        contact(
                            "thr" + i,
                            ContactRole.PRIMARY_SECURITY,
                            new ContactMethod(Channel.SMS, phones.get(i))))
                .toArray(Contact[]::new));
    var throttledBefore =
        meters.get("alerting.senders.throttled").tag("channel", "SMS").counter().count();
    twilio.failNext(429, 20429, 2, 1);
    var incidentId = raise(tenant, "CRITICAL");
    var alertIds =
        java.util.stream.IntStream.range(0, 5)
            .mapToObj(i -> AlertIds.forRecipient(incidentId, tenant.tenantId(), "thr" + i))
            .toList();

    await()
        .atMost(WAIT)
        .until(
            () ->
                alertIds.stream()
                    .allMatch(
                        id ->
                            statuses(id).stream()
                                .anyMatch(s -> s.status() == DeliveryStatus.SENT)));
    assertThat(phones).allSatisfy(phone -> assertThat(smsTo(phone)).as(phone).hasSize(1));
    assertThat(alertIds)
        .allSatisfy(
            id -> assertThat(statuses(id)).noneMatch(s -> s.status() == DeliveryStatus.FAILED));
    assertThat(recorder.on(Topics.DELIVERIES_SMS.name() + "-retry"))
        .as("retried in place, not on the retry topic")
        .noneMatch(r -> alertIds.contains(r.key()));
    assertThat(meters.get("alerting.senders.throttled").tag("channel", "SMS").counter().count())
        .isGreaterThanOrEqualTo(throttledBefore + 2);
    assertThat(meters.get("alerting.senders.rate").tag("channel", "SMS").gauge().value())
        .as("slowed down from the configured 30/s")
        .isLessThan(30);
  }

  @Test
  void textsComeFromTheSenderOfTheNumbersCountryElseAlwaysTheSameNumberOfThePool() {
    var british = randomPhone("+44207946");
    var american = randomPhone("+1415333");
    var tenant =
        tenant(
            contact("gbr", ContactRole.PRIMARY_SECURITY, new ContactMethod(Channel.SMS, british)),
            contact("usa", ContactRole.PRIMARY_IT, new ContactMethod(Channel.SMS, american)));

    raise(tenant, "HIGH");
    raise(tenant, "HIGH");

    var toBritish = await().atMost(WAIT).until(() -> smsTo(british), m -> m.size() == 2);
    var toAmerican = await().atMost(WAIT).until(() -> smsTo(american), m -> m.size() == 2);
    assertThat(toBritish).extracting(alerting.localinfra.SentSms::from).containsOnly(GB_SENDER);
    assertThat(toAmerican)
        .extracting(alerting.localinfra.SentSms::from)
        .as("one number of the pool, both times")
        .containsOnly(toAmerican.get(0).from());
    assertThat(SMS_POOL).contains(toAmerican.get(0).from());
  }

  @Test
  void aNumberListedByManyTenantsGetsTheTextsPastItsLimitLaterNotNever() {
    var phone = randomPhone("+1415222");
    var tenants =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(
                i ->
                    tenant(
                        contact(
                            "dee",
                            ContactRole.PRIMARY_SECURITY,
                            new ContactMethod(Channel.SMS, phone))))
            .toList();
    var incidentId = "inc-limit-" + UUID.randomUUID();
    produce(
        new IncidentRaised(
            UUID.randomUUID(),
            Instant.now(),
            incidentId,
            IncidentKind.SECURITY_CONCERN,
            Severity.CRITICAL,
            "One person, four tenants",
            null,
            null,
            IncidentScope.tenants(
                tenants.stream().map(TenantContacts::tenantId).toArray(String[]::new))));
    var alertIds =
        tenants.stream().map(t -> AlertIds.forRecipient(incidentId, t.tenantId(), "dee")).toList();

    var texts = await().atMost(WAIT).until(() -> smsTo(phone), m -> m.size() == 4);
    await()
        .atMost(WAIT)
        .until(
            () ->
                alertIds.stream()
                    .allMatch(
                        id ->
                            statuses(id).stream()
                                .anyMatch(s -> s.status() == DeliveryStatus.SENT)));
    var received = texts.stream().map(alerting.localinfra.SentSms::receivedAt).sorted().toList();
    assertThat(Duration.between(received.get(0), received.get(2)))
        .as("no third text within the 3 s window")
        .isGreaterThan(Duration.ofMillis(2500));
    assertThat(Duration.between(received.get(1), received.get(3)))
        .isGreaterThan(Duration.ofMillis(2500));
    var waited =
        recorder.on(Topics.DELIVERIES_SMS.name() + "-retry").stream()
            .filter(r -> alertIds.contains(r.key()))
            .toList();
    assertThat(waited)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(TopicRecorder.header(r, DeadLetterReason.HEADER))
                  .startsWith("destination limit");
              assertThat(attempts(r)).as("no retry used up: still the first attempt").isEqualTo(1);
              assertThat(r.headers().lastHeader("alerting-destination-slot-booked")).isNotNull();
            });
    assertThat(alertIds)
        .allSatisfy(
            id -> assertThat(statuses(id)).noneMatch(s -> s.status() == DeliveryStatus.FAILED));
    assertThat(smsTo(phone)).as("each alert texted once").hasSize(4);
  }

  @Test
  void emailsLeaveOverAFewReusedSmtpConnectionsNotOneEach() {
    var tag = "smtp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    var tenant =
        tenant(
            java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> contact("m" + i, ContactRole.PRIMARY_SECURITY, email(tag + i)))
                .toArray(Contact[]::new));
    var connectionsBefore = mail.connectionsOpened();

    raise(tenant, "HIGH");

    await()
        .atMost(WAIT)
        .until(
            () ->
                mail.messages().stream().filter(m -> m.to().get(0).startsWith(tag)).count() == 24);
    assertThat(mail.connectionsOpened() - connectionsBefore)
        .as("24 emails, at most the pool's 8 connections")
        .isLessThanOrEqualTo(8);
  }

  static String randomPhone(String prefix) {
    return prefix + (1000 + (int) (Math.random() * 8999));
  }

  // ---------------------------------------------------------------------------------------------

  HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  TenantContacts tenant(Contact... contacts) {
    var tenantId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    var snapshot =
        new TenantContacts(
            UUID.randomUUID(),
            Instant.now(),
            tenantId,
            "Tenant " + tenantId,
            1,
            List.of(contacts),
            List.of(new TenantAdmin("adm", "Admin", "admin@" + tenantId + ".example")));
    produce(snapshot);
    await().atMost(WAIT).until(() -> directory.tenant(tenantId).isPresent());
    return snapshot;
  }

  static Contact contact(String id, ContactRole role, ContactMethod... methods) {
    return new Contact(id, id, null, Set.of(role), List.of(methods));
  }

  static alerting.events.AlertState state(
      String incidentId,
      TenantContacts tenant,
      String contactId,
      alerting.events.AlertStatus status,
      DeliveryStatus lastStatus,
      Instant at) {
    var alertId = AlertIds.forRecipient(incidentId, tenant.tenantId(), contactId);
    var brief =
        new alerting.events.AlertBrief(
            incidentId,
            tenant.tenantId(),
            tenant.tenantName(),
            contactId,
            contactId,
            Severity.HIGH,
            "Coverage board",
            null,
            null,
            "K7QD");
    var attempt =
        new alerting.events.AttemptRecord(1, Channel.EMAIL, at, at.plusSeconds(600), lastStatus);
    var ack =
        status != alerting.events.AlertStatus.ACKNOWLEDGED
            ? null
            : new alerting.events.AlertAcknowledged(
                UUID.randomUUID(),
                at.plusSeconds(42),
                alertId,
                1,
                Channel.EMAIL,
                new alerting.events.AckEvidence(
                    contactId + "@example.com", "link", at.plusSeconds(42)));
    return new alerting.events.AlertState(
        UUID.randomUUID(),
        at,
        alertId,
        status,
        1,
        brief,
        List.of(attempt),
        ack,
        status.name().toLowerCase());
  }

  static ContactMethod email(String name) {
    return new ContactMethod(Channel.EMAIL, name + "@dispatcher-test.example");
  }

  String raise(TenantContacts tenant, String severity) {
    var incidentId = "inc-" + UUID.randomUUID();
    produceRaw(
        incidentId,
        """
        {"type":"incident-raised.v1","eventId":"%s","occurredAt":"2026-11-21T10:15:30Z",
         "incidentId":"%s","kind":"SECURITY_CONCERN","severity":"%s","title":"Test incident",
         "scope":{"allTenants":false,"tenantIds":["%s"]}}"""
            .formatted(UUID.randomUUID(), incidentId, severity, tenant.tenantId()));
    return incidentId;
  }

  static void produceRaw(String key, String json) {
    producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), key, json));
    producer.flush();
  }

  static void produce(Event event) {
    var topic =
        switch (event.getClass().getSimpleName()) {
          case "TenantContacts" -> Topics.CONTACTS_SNAPSHOTS;
          case "ContactAdded" -> Topics.CONTACTS_CHANGES;
          case "SupportAccessChanged" -> Topics.SUPPORT_ACCESS;
          case "AlertState" -> Topics.ALERT_STATE;
          case "ConfirmationRequested", "ConfirmationClosed" -> Topics.SUPPORT_ACCESS_CONFIRMATIONS;
          case "VerificationRequested" -> Topics.VERIFICATIONS;
          case "ContactsReviewRequested" -> Topics.CONTACTS_REVIEWS;
          default -> Topics.INCIDENTS;
        };
    producer.send(
        new ProducerRecord<>(
            topic.name(), event.key(), new String(EventJson.write(event), StandardCharsets.UTF_8)));
    producer.flush();
  }

  static List<AlertOpened> opened(String incidentId) {
    return recorder.events(Topics.ALERTS.name(), AlertOpened.class).stream()
        .filter(a -> a.brief().incidentId().equals(incidentId))
        .toList();
  }

  static List<DeliveryStatusReported> statuses(String alertId) {
    return recorder.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
        .filter(s -> s.alertId().equals(alertId))
        .toList();
  }

  static List<CaughtMail> mailsTo(String address) {
    return mail.messages().stream().filter(m -> m.to().contains(address)).toList();
  }

  static List<alerting.localinfra.SentSms> smsTo(String phone) {
    return twilio.messages().stream().filter(m -> m.to().equals(phone)).toList();
  }

  static String field(String json, String name) {
    return JSON.readTree(json).get(name).asString();
  }

  String raiseByRest(TenantContacts tenant, String responder) throws Exception {
    var raised =
        post(
            """
        {"kind":"SECURITY_CONCERN","severity":"HIGH","title":"REST incident","tenantIds":["%s"]}
        """
                .formatted(tenant.tenantId()),
            responder,
            null);
    assertThat(raised.statusCode()).isEqualTo(202);
    return field(raised.body(), "incidentId");
  }

  HttpResponse<String> postTo(String path, String body, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String body, String token, String idempotencyKey) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
