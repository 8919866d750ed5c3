package alerting.contacts.supportaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.TopicProbe;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertIds;
import alerting.events.Channel;
import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.Correlation;
import alerting.events.EventSerde;
import alerting.events.SupportAccessChanged;
import alerting.events.SupportAccessChanged.Step;
import alerting.events.Topics;
import alerting.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Customer Support Access workflow on a real broker. The alert pipeline's part (alerting the
 * Primary Security contacts, their acknowledgment) is played by producing the acknowledgment the
 * ack-receiver would publish.
 */
class SupportAccessTest extends ContactServiceTest {
  @Autowired JdbcClient jdbc;
  @Autowired SupportAccessService service;

  @Test
  void aRequestByANonContactIsDisabledOnlyAfterAContactConfirmsAndSignsAndThenSupportIsRefused() {
    var tenant = tenantWithPrimaryContactAda();
    var support = identity.token("sam", "Sam Support", null, "SUPPORT");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", support, null).status())
        .isEqualTo(200);

    // grace is an admin but no security contact: the request needs Ada's confirmation
    var requested =
        call(
            "POST",
            "/api/tenants/" + tenant + "/support-access/requests",
            adminOf(tenant),
            "{\"action\":\"DISABLE\",\"contactAfterReview\":\"grace@example.com\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    var requestId = (String) requested.json().get("requestId");
    var confirmation =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(
                        Topics.SUPPORT_ACCESS_CONFIRMATIONS,
                        requestId,
                        ConfirmationRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(confirmation.contactIds()).containsExactly("ada");
    assertThat(TopicProbe.read(Topics.INCIDENTS, requestId))
        .as("a confirmation does not pose as an incident")
        .isEmpty();
    assertThat(call("GET", "/api/tenants/" + tenant + "/support-access", support, null).json())
        .containsEntry("allowed", true);

    acknowledge(requestId, tenant, "ada", Channel.EMAIL);
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> call("GET", path, adminOf(tenant), null).json().get("status"),
            "AWAITING_SIGNATURE"::equals);

    var ada = identity.token("ada", "Ada Lovelace", tenant, "TENANT_USER");
    var form = call("GET", "/api/tenants/" + tenant + "/support-access/form", ada, null).json();
    assertThat((String) form.get("text"))
        .contains("Our support staff cannot use troubleshooting tools");
    assertThat(
            call(
                    "POST",
                    path + "/signature",
                    adminOf(tenant),
                    "{\"name\":\"Grace\",\"formVersion\":\"v1\"}")
                .status())
        .as("only the confirming contact signs")
        .isEqualTo(403);
    assertThat(
            call(
                    "POST",
                    path + "/signature",
                    ada,
                    "{\"name\":\"Ada Lovelace\",\"formVersion\":\"v0\"}")
                .body())
        .contains("v0 is not the current form");
    var signed =
        call(
            "POST", path + "/signature", ada, "{\"name\":\"Ada Lovelace\",\"formVersion\":\"v1\"}");
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    assertThat(signed.json())
        .containsEntry("status", "DONE")
        .containsEntry("signedName", "Ada Lovelace");

    var refused = call("GET", "/api/tenants/" + tenant + "/contacts", support, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("support access is disabled by the tenant");
    assertThat(call("GET", "/api/tenants/" + tenant + "/history", support, null).status())
        .isEqualTo(403);
    assertThat(call("GET", "/api/tenants/" + tenant + "/support-access", support, null).json())
        .containsEntry("allowed", false);

    var steps =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.SUPPORT_ACCESS, tenant, SupportAccessChanged.class),
                l -> l.size() == 4);
    assertThat(steps)
        .extracting(SupportAccessChanged::step)
        .containsExactly(Step.REQUESTED, Step.CONFIRMED, Step.SIGNED, Step.DISABLED);
    assertThat(steps.get(3).notifyEmails())
        .contains("ada@" + tenant + ".example", "grace@" + tenant + ".example");
    assertThat(call("GET", "/api/tenants/" + tenant + "/history", adminOf(tenant), null).body())
        .contains("SUPPORT_ACCESS_DISABLED", "Ada Lovelace signed acknowledgment form v1");
  }

  @Test
  void reEnablingIsConfirmedByAPhoneCallOnly() {
    var tenant = tenantWithPrimaryContactAda();
    disable(tenant);
    var requested =
        call(
            "POST",
            "/api/tenants/" + tenant + "/support-access/requests",
            identity.token("ada", "Ada Lovelace", tenant, "TENANT_USER"),
            "{\"action\":\"ENABLE\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    var requestId = (String) requested.json().get("requestId");
    var confirmation =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(
                        Topics.SUPPORT_ACCESS_CONFIRMATIONS,
                        requestId,
                        ConfirmationRequested.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(confirmation.channels()).containsExactly(Channel.VOICE);

    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    acknowledge(requestId, tenant, "ada", Channel.SMS);
    acknowledge(requestId, tenant, "ada", Channel.VOICE);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> call("GET", path, adminOf(tenant), null).json().get("status"), "DONE"::equals);
    assertThat(call("GET", path, adminOf(tenant), null).json())
        .containsEntry("confirmedChannel", "VOICE");
    var support = identity.token("sam", "Sam Support", null, "SUPPORT");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", support, null).status())
        .isEqualTo(200);
  }

  @Test
  void aSupportTokenIsSupportWhateverOtherRolesOrTenantClaimItCarries() {
    var tenant = tenantWithPrimaryContactAda();
    var supportWithClaim = identity.token("sam", "Sam Support", tenant, "SUPPORT", "TENANT_ADMIN");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", supportWithClaim, null).status())
        .as("support may read a tenant that allows it")
        .isEqualTo(200);
    var change =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            supportWithClaim,
            "{\"personId\":\"sam\",\"roles\":[\"PRIMARY_SECURITY\"],\"methods\":[{\"channel\":\"EMAIL\",\"address\":\"sam@example.com\"}]}");
    assertThat(change.status()).as("a tenant claim does not make support a member").isEqualTo(403);
    assertThat(change.body()).contains("support staff are not members of a tenant");

    disable(tenant);

    for (var token :
        List.of(
            supportWithClaim,
            identity.token("sam", "Sam Support", tenant, "SUPPORT", "TENANT_USER"),
            identity.token("sam", "Sam Support", null, "SUPPORT", "RESPONDER"),
            identity.token("sam", "Sam Support", null, "SUPPORT", "PLATFORM"))) {
      var refused = call("GET", "/api/tenants/" + tenant + "/contacts", token, null);
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("support access is disabled by the tenant");
      assertThat(call("GET", "/api/tenants/" + tenant + "/history", token, null).status())
          .isEqualTo(403);
    }
    assertThat(
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    supportWithClaim,
                    "{\"action\":\"ENABLE\"}")
                .status())
        .as("support cannot re-enable its own access")
        .isEqualTo(403);
    var access =
        call("GET", "/api/tenants/" + tenant + "/support-access", supportWithClaim, null).json();
    assertThat(access).containsEntry("allowed", false);
    assertThat(access.get("openRequest")).as("support sees no tenant's requests").isNull();
  }

  @Test
  void anUnconfirmedRequestExpiresAndItsConfirmationAlertsAreClosed() {
    var tenant = tenantWithPrimaryContactAda();
    var requestId =
        (String)
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    adminOf(tenant),
                    "{\"action\":\"DISABLE\"}")
                .json()
                .get("requestId");
    jdbc.sql("update support_access_request set expires_at = ? where request_id = ?")
        .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), requestId)
        .update();
    assertThat(service.expire()).isEqualTo(1);
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    assertThat(call("GET", path, adminOf(tenant), null).json()).containsEntry("status", "EXPIRED");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                TopicProbe.read(
                    Topics.SUPPORT_ACCESS_CONFIRMATIONS, requestId, ConfirmationClosed.class),
            l -> l.size() == 1);
    assertThat(TopicProbe.read(Topics.INCIDENTS, requestId)).as("nor does its closing").isEmpty();
    acknowledge(requestId, tenant, "ada", Channel.EMAIL);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> call("GET", path, adminOf(tenant), null).json().get("status"), "EXPIRED"::equals);
    assertThat(
            call("GET", "/api/tenants/" + tenant + "/support-access", adminOf(tenant), null).json())
        .containsEntry("allowed", true);
  }

  @Test
  void anAckConfirmsOnlyTheRequestItsAlertIsCorrelatedTo() {
    var first = tenantWithPrimaryContactAda();
    var second = tenantWithPrimaryContactAda();
    var firstRequest =
        (String)
            call(
                    "POST",
                    "/api/tenants/" + first + "/support-access/requests",
                    adminOf(first),
                    "{\"action\":\"DISABLE\"}")
                .json()
                .get("requestId");
    var secondRequest =
        (String)
            call(
                    "POST",
                    "/api/tenants/" + second + "/support-access/requests",
                    adminOf(second),
                    "{\"action\":\"DISABLE\"}")
                .json()
                .get("requestId");
    var firstPath = "/api/tenants/" + first + "/support-access/requests/" + firstRequest;
    var secondPath = "/api/tenants/" + second + "/support-access/requests/" + secondRequest;

    // an incident's ack of an alert whose id the request would once have hashed to: not a
    // confirmation
    var alertId = AlertIds.forRecipient(firstRequest, first, "ada");
    send(
        new AlertAcknowledged(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            1,
            Channel.EMAIL,
            new AckEvidence("203.0.113.7", null, Instant.now()),
            "ada",
            Correlation.INCIDENT));
    acknowledge(secondRequest, second, "ada", Channel.EMAIL);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> call("GET", secondPath, adminOf(second), null).json().get("status"),
            "AWAITING_SIGNATURE"::equals);
    assertThat(call("GET", secondPath, adminOf(second), null).json())
        .containsEntry("confirmedBy", "ada");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> call("GET", firstPath, adminOf(first), null).json().get("status"),
            "AWAITING_CONFIRMATION"::equals);
  }

  @Test
  void aRequestCanBeCancelledAndSomeoneWhoIsNeitherContactNorAdminCannotRequest() {
    var tenant = tenantWithPrimaryContactAda();
    var bob = identity.token("bob", "Bob Builder", tenant, "TENANT_USER");
    assertThat(
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    bob,
                    "{\"action\":\"DISABLE\"}")
                .status())
        .isEqualTo(403);
    var requestId =
        (String)
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    adminOf(tenant),
                    "{\"action\":\"DISABLE\"}")
                .json()
                .get("requestId");
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    assertThat(
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    adminOf(tenant),
                    "{\"action\":\"DISABLE\"}")
                .status())
        .as("one open request at a time")
        .isEqualTo(409);
    assertThat(call("POST", path + "/cancel", adminOf(tenant), null).json())
        .containsEntry("status", "CANCELLED");
    assertThat(call("POST", path + "/cancel", adminOf(tenant), null).status()).isEqualTo(409);
  }

  private String tenantWithPrimaryContactAda() {
    var tenant = newTenant();
    var added =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            """
        {"personId":"ada","roles":["PRIMARY_SECURITY"],
         "methods":[{"channel":"EMAIL","address":"ada@%s.example"},{"channel":"VOICE","address":"+14155550100"}]}"""
                .formatted(tenant));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    return tenant;
  }

  private void disable(String tenant) {
    var requestId =
        (String)
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/support-access/requests",
                    adminOf(tenant),
                    "{\"action\":\"DISABLE\"}")
                .json()
                .get("requestId");
    acknowledge(requestId, tenant, "ada", Channel.EMAIL);
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> call("GET", path, adminOf(tenant), null).json().get("status"),
            "AWAITING_SIGNATURE"::equals);
    assertThat(
            call(
                    "POST",
                    path + "/signature",
                    identity.token("ada", "Ada Lovelace", tenant, "TENANT_USER"),
                    "{\"name\":\"Ada Lovelace\",\"formVersion\":\"v1\"}")
                .status())
        .isEqualTo(200);
  }

  /**
   * What the ack-receiver publishes when a contact acknowledges the confirmation alert: the alert's
   * contact and correlation, as the dispatcher opened it.
   */
  private static void acknowledge(
      String requestId, String tenant, String contactId, Channel channel) {
    var alertId = AlertIds.forRecipient(requestId, tenant, contactId);
    send(
        new AlertAcknowledged(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            1,
            channel,
            new AckEvidence("+1*******100", "1", Instant.now()),
            contactId,
            Correlation.supportAccessConfirmation(requestId)));
  }

  private static void send(AlertAcknowledged ack) {
    var alertId = ack.alertId();
    try (var producer =
        new KafkaProducer<>(
            new HashMap<String, Object>(SharedKafka.producerProps()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.ACKS.name(), alertId, ack)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
