package alerting.contacts.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.TopicProbe;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.ContactsReviewRequested;
import alerting.events.Correlation;
import alerting.events.DeliveryStatus;
import alerting.events.EventSerde;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.events.VerificationRequested;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A verification drill on a real broker. The pipeline's part (sending each method's message, the
 * contact's ack or the provider's failure) is played by producing the alert states the
 * escalation-worker would publish.
 */
class VerificationDrillTest extends ContactServiceTest {

  @Test
  void aDrillAsksEveryMethodOnceAndItsOutcomesMakeTheReachabilityAndTheTenantsRisks() {
    var tenant = newTenant();
    addAda(tenant, "{\"channel\":\"VOICE\",\"address\":\"+14155550100\"}");
    var path = "/api/tenants/" + tenant + "/verification-drills";

    var refused = call("POST", path, userOf(tenant), null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("only a tenant admin");

    var started = call("POST", path, adminOf(tenant), null);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json()).containsEntry("methods", 2).containsEntry("trigger", "ADMIN");
    var drillId = (String) started.json().get("drillId");
    var drill =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.VERIFICATIONS, drillId, VerificationRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(drill.targets())
        .extracting(t -> t.contactId() + " " + t.method().channel())
        .containsExactly("ada EMAIL", "ada VOICE");
    assertThat(drill.requestedBy()).isEqualTo("grace");

    var before = reachability(tenant);
    assertThat(before).containsEntry("atRisk", true);
    assertThat(methods(before)).extracting(m -> m.get("reason")).containsOnly("never verified");

    // ada confirms the email 42 s after it was sent; the call is answered by a machine
    var sentAt = Instant.now().minusSeconds(60);
    var email = drill.targets().get(0);
    publish(
        state(
            drill,
            email,
            AlertStatus.ACKNOWLEDGED,
            new AttemptRecord(1, Channel.EMAIL, sentAt, null, DeliveryStatus.SEEN, sentAt, null),
            sentAt.plusSeconds(42)));
    var voice = drill.targets().get(1);
    publish(
        state(
            drill,
            voice,
            AlertStatus.EXHAUSTED,
            new AttemptRecord(
                1,
                Channel.VOICE,
                sentAt,
                null,
                DeliveryStatus.MACHINE_ANSWERED,
                sentAt,
                "answered by a machine"),
            null));

    var after =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> reachability(tenant),
                r -> methods(r).stream().noneMatch(m -> "never verified".equals(m.get("reason"))));
    var byChannel = new HashMap<String, Map<String, Object>>();
    methods(after).forEach(m -> byChannel.put(channel(m), m));
    assertThat(byChannel.get("EMAIL")).containsEntry("state", "VERIFIED");
    assertThat(finding(byChannel.get("EMAIL"))).containsEntry("timeToAck", "PT42S");
    assertThat(byChannel.get("VOICE"))
        .containsEntry("state", "STALE")
        .containsEntry("reason", "last attempt failed: answered by a machine");
    assertThat(after).containsEntry("atRisk", true);
    assertThat(after.get("risks")).isEqualTo(List.of("only one verified channel (EMAIL)"));
    assertThat(after.get("recentDrills").toString()).contains(drillId);
  }

  @org.springframework.beans.factory.annotation.Autowired ScheduledDrills schedule;
  @org.springframework.beans.factory.annotation.Autowired VerificationDrills drills;

  @Test
  void theScheduleDrillsATenantOnceInItsSlotWhicheverInstanceGetsThereFirst() {
    var tenant = newTenant();
    addAda(tenant);
    var slot =
        new DrillSchedule(Duration.ofDays(91), Duration.ofDays(1))
            .lastSlot(tenant, Instant.now().plus(Duration.ofDays(91)));

    schedule.runDue(slot.plusSeconds(1));
    var scheduled = drills.recent(tenant, 5);
    assertThat(scheduled)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.trigger()).isEqualTo(VerificationRequested.Trigger.SCHEDULE);
              assertThat(d.requestedBy()).isNull();
            });
    var published =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(
                        Topics.VERIFICATIONS,
                        scheduled.get(0).drillId(),
                        VerificationRequested.class),
                l -> !l.isEmpty());
    assertThat(published.get(0).trigger()).isEqualTo(VerificationRequested.Trigger.SCHEDULE);

    schedule.runDue(slot.plusSeconds(30));
    assertThat(drills.recent(tenant, 5)).as("the slot is drilled once").hasSize(1);
    assertThatThrownByAnotherInstance(tenant, slot);
  }

  /** Another instance that missed the first one's drill and takes the same slot is refused. */
  private void assertThatThrownByAnotherInstance(String tenant, Instant slot) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> drills.start(tenant, VerificationRequested.Trigger.SCHEDULE, null, slot))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThat(drills.recent(tenant, 5)).hasSize(1);
  }

  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  @SuppressWarnings("unchecked")
  void thePlatformViewListsTenantsAtRiskFirstWithTheirRisksAndTheGaugesFollow() {
    var tenant = newTenant();
    var platform = identity.token("platform", "Platform", null, "PLATFORM");
    assertThat(call("GET", "/internal/reachability", adminOf(tenant), null).status())
        .as("tenant admins do not see other tenants")
        .isEqualTo(403);

    var view = call("GET", "/internal/reachability", platform, null);
    assertThat(view.status()).as(view.body()).isEqualTo(200);
    var ranked = (List<Map<String, Object>>) view.json().get("ranked");
    assertThat(ranked)
        .filteredOn(t -> tenant.equals(t.get("tenantId")))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t).containsEntry("atRisk", true).containsEntry("verifiedMethods", 0);
              assertThat((List<String>) t.get("risks"))
                  .contains("no Primary Security contact has a verified contact method");
            });
    var atRisk = ranked.stream().map(t -> (Boolean) t.get("atRisk")).toList();
    assertThat(atRisk).as("at risk first").isSortedAccordingTo((a, b) -> Boolean.compare(b, a));
    assertThat(((Number) view.json().get("atRisk")).longValue()).isPositive();
    assertThat(meters.get("alerting.tenants.at.risk").gauge().value())
        .isEqualTo(((Number) view.json().get("atRisk")).doubleValue());
    assertThat(meters.get("alerting.tenants.security.verified.ratio").gauge().value())
        .isBetween(0.0, 1.0);
  }

  @org.springframework.beans.factory.annotation.Autowired ReviewNudges nudges;

  @org.springframework.beans.factory.annotation.Autowired
  alerting.contacts.securitycontacts.SecurityContacts securityContacts;

  @Test
  @SuppressWarnings("unchecked")
  void theAdminsOfATenantAtRiskAreAskedToReviewThenRemindedWithBackOffUntilItIsCovered() {
    var tenant = newTenant();
    var neverDrilled = newTenant();
    addAda(neverDrilled, "{\"channel\":\"SMS\",\"address\":\"+14155550112\"}");
    var now = Instant.now();
    nudges.run(now);
    assertThat(banners(neverDrilled))
        .as("at risk on no evidence yet: its admins are not told until a drill has told")
        .isEmpty();
    var first =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(Topics.CONTACTS_REVIEWS, tenant, ContactsReviewRequested.class),
                l -> !l.isEmpty());
    assertThat(first)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reminder()).isEqualTo(1);
              assertThat(r.notifyEmails()).containsExactly("grace@" + tenant + ".example");
              assertThat(r.risks())
                  .contains("no Primary Security contact has a verified contact method");
            });
    assertThat(banners(tenant)).containsExactly(ReviewNudges.BANNER_SERIES + tenant + "-1");

    nudges.run(now.plus(Duration.ofHours(1)));
    nudges.run(now.plus(Duration.ofHours(25)));
    var reminders =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(Topics.CONTACTS_REVIEWS, tenant, ContactsReviewRequested.class),
                l -> l.size() == 2);
    assertThat(reminders).extracting(ContactsReviewRequested::reminder).containsExactly(1, 2);
    assertThat(banners(tenant))
        .as("the reminder's banner replaces the first")
        .containsExactly(ReviewNudges.BANNER_SERIES + tenant + "-2");
    assertThat(ReviewNudges.backoff(Duration.ofDays(1), Duration.ofDays(30), 2))
        .isEqualTo(Duration.ofDays(2));
    assertThat(ReviewNudges.backoff(Duration.ofDays(1), Duration.ofDays(30), 9))
        .isEqualTo(Duration.ofDays(30));

    // the admin adds a Primary Security contact whose email and text are both confirmed
    addAda(tenant, "{\"channel\":\"SMS\",\"address\":\"+14155550111\"}");
    assertThat(securityContacts.ofAllTenants().get(tenant))
        .as("the platform's bulk read sees what the tenant's own read does")
        .isEqualTo(securityContacts.ofTenant(tenant));
    var drillId =
        (String)
            call("POST", "/api/tenants/" + tenant + "/verification-drills", adminOf(tenant), null)
                .json()
                .get("drillId");
    var drill =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.VERIFICATIONS, drillId, VerificationRequested.class),
                l -> !l.isEmpty())
            .get(0);
    var sentAt = Instant.now().minusSeconds(30);
    for (var target : drill.targets()) {
      publish(
          state(
              drill,
              target,
              AlertStatus.ACKNOWLEDGED,
              new AttemptRecord(
                  1, target.method().channel(), sentAt, null, DeliveryStatus.SENT, sentAt, null),
              sentAt.plusSeconds(10)));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> reachability(tenant).get("atRisk"), Boolean.FALSE::equals);
    nudges.run(now.plus(Duration.ofDays(30)));
    assertThat(banners(tenant)).as("covered: the banner is gone").isEmpty();
    assertThat(TopicProbe.read(Topics.CONTACTS_REVIEWS, tenant)).hasSize(2);
  }

  @SuppressWarnings("unchecked")
  private List<String> banners(String tenant) {
    var answer = call("GET", "/api/tenants/" + tenant + "/notices", adminOf(tenant), null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    var body = answer.body();
    var ids = new java.util.ArrayList<String>();
    var matcher =
        java.util.regex.Pattern.compile(
                "\"noticeId\":\"(" + ReviewNudges.BANNER_SERIES + "[^\"]+)\"")
            .matcher(body);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  @Test
  void aTenantWithoutAnyContactMethodCannotStartADrillAndIsToldWhy() {
    var tenant = newTenant();
    var answer =
        call("POST", "/api/tenants/" + tenant + "/verification-drills", adminOf(tenant), null);
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body()).contains("no security contact with a contact method to verify");
  }

  /** Ada as the tenant's Primary Security contact: her email, then {@code moreMethods} (JSON). */
  private void addAda(String tenant, String... moreMethods) {
    var methods = new java.util.ArrayList<String>();
    methods.add("{\"channel\":\"EMAIL\",\"address\":\"ada@" + tenant + ".example\"}");
    methods.addAll(List.of(moreMethods));
    var added =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"],\"methods\":["
                + String.join(",", methods)
                + "]}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  private Map<String, Object> reachability(String tenant) {
    var answer = call("GET", "/api/tenants/" + tenant + "/reachability", adminOf(tenant), null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> methods(Map<String, Object> reachability) {
    var contacts = (List<Map<String, Object>>) reachability.get("contacts");
    return contacts.stream()
        .flatMap(c -> ((List<Map<String, Object>>) c.get("methods")).stream())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static String channel(Map<String, Object> method) {
    return (String) ((Map<String, Object>) method.get("method")).get("channel");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> finding(Map<String, Object> method) {
    return (Map<String, Object>) method.get("finding");
  }

  private static AlertState state(
      VerificationRequested drill,
      VerificationRequested.Target target,
      AlertStatus status,
      AttemptRecord attempt,
      Instant ackedAt) {
    var alertId = target.alertId(drill.drillId(), drill.tenantId());
    var ack =
        ackedAt == null
            ? null
            : new AlertAcknowledged(
                UUID.randomUUID(),
                ackedAt,
                alertId,
                1,
                target.method().channel(),
                new AckEvidence("link", "", ackedAt),
                target.contactId(),
                Correlation.verification(drill.drillId()));
    var brief =
        new AlertBrief(
            drill.drillId(),
            drill.tenantId(),
            drill.tenantName(),
            target.contactId(),
            target.contactName(),
            Severity.LOW,
            "Verification of your security contact details",
            null,
            null,
            "K7Q2",
            Correlation.verification(drill.drillId()));
    return new AlertState(
        UUID.randomUUID(),
        Instant.now(),
        alertId,
        status,
        1,
        brief,
        List.of(attempt),
        ack,
        status.name().toLowerCase());
  }

  private static void publish(AlertState state) {
    try (var producer =
        new KafkaProducer<>(
            new HashMap<String, Object>(SharedKafka.producerProps()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
