package alerting.contacts.supportaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.TopicProbe;
import alerting.events.Channel;
import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.SigningLinks;
import alerting.events.SupportAccessChanged;
import alerting.events.SupportAccessChanged.Step;
import alerting.events.Topics;
import alerting.testsupport.IncidentWords;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Primary Security contact without a user account (added through "Add new contact") confirms and
 * signs a request to disable Customer Support Access through the signing link the dispatcher seals
 * into their confirmation message: GET shows, POST signs, once, while link and request are valid.
 */
class SigningLinkTest extends ContactServiceTest {
  private static final byte[] KEY = SIGNING_KEY.getBytes(StandardCharsets.UTF_8);
  @Autowired JdbcClient jdbc;

  @Test
  void aContactWithoutAnAccountConfirmsAndSignsThroughTheLinkAndSupportIsRefused() {
    var tenant = newTenant();
    var carol = addNewPrimaryContact(tenant, "Carol Chen", "carol@outside.example");
    var support = identity.token("sam", "Sam Support", null, "SUPPORT");
    var requestId = requestDisable(tenant);
    var asked =
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
    assertThat(asked.contactIds()).containsExactly(carol);
    assertThat(asked.action()).isEqualTo(SupportAccessChanged.Action.DISABLE);
    assertThat(asked.requestedBy()).isEqualTo("Grace Hopper");
    assertThat(asked.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(23)));

    var token = link(requestId, carol, Channel.EMAIL, Instant.now().plusSeconds(3600));
    var page = open("GET", token, null);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "Review and sign: disable Customer Support Access for Acme " + tenant,
            "Hello Carol Chen",
            "Grace Hopper asked to disable",
            "this is not a security incident",
            "Our support staff cannot use troubleshooting tools",
            "name=\"formVersion\" value=\"v1\"");
    // the form itself says incidents are still sent as usual; the words around it name none
    IncidentWords.assertNone(
        "the signing page", page.body().substring(0, page.body().indexOf("<pre")));
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    assertThat(call("GET", path, adminOf(tenant), null).json())
        .as("opening the link, as a mail scanner does, changes nothing")
        .containsEntry("status", "AWAITING_CONFIRMATION");

    var unnamed = open("POST", token, "name=&formVersion=v1");
    assertThat(unnamed.statusCode()).isEqualTo(400);
    assertThat(unnamed.body()).contains("type your full name to sign", "signature-name");
    assertThat(call("GET", path, adminOf(tenant), null).json())
        .containsEntry("status", "AWAITING_CONFIRMATION");

    var signed = open("POST", token, "name=Carol+Chen&formVersion=v1");
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    assertThat(signed.body())
        .contains("Signed: Customer Support Access for Acme " + tenant + " is disabled");
    assertThat(call("GET", path, adminOf(tenant), null).json())
        .containsEntry("status", "DONE")
        .containsEntry("confirmedBy", carol)
        .containsEntry("confirmedChannel", "EMAIL")
        .containsEntry("signedBy", carol)
        .containsEntry("signedName", "Carol Chen")
        .containsEntry("formVersion", "v1")
        .containsEntry("signatureVerifiedBy", "LINK");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", support, null).status())
        .isEqualTo(403);

    var replayed = open("POST", token, "name=Carol+Chen&formVersion=v1");
    assertThat(replayed.statusCode()).isEqualTo(409);
    assertThat(replayed.body()).contains("already used", "signed by Carol Chen");
    assertThat(open("GET", token, null).statusCode()).isEqualTo(409);

    var steps =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.SUPPORT_ACCESS, tenant, SupportAccessChanged.class),
                l -> l.size() == 4);
    assertThat(steps)
        .extracting(SupportAccessChanged::step)
        .containsExactly(Step.REQUESTED, Step.CONFIRMED, Step.SIGNED, Step.DISABLED);
    assertThat(steps).allMatch(s -> "Grace Hopper".equals(s.requestedBy()));
    assertThat(steps.get(2).detail()).contains("verified by the signing link");
    assertThat(steps.get(3).notifyEmails()).contains("carol@outside.example");
    assertThat(
            TopicProbe.read(
                Topics.SUPPORT_ACCESS_CONFIRMATIONS, requestId, ConfirmationClosed.class))
        .as("the confirmation alerts stop: nobody else is chased")
        .hasSize(1);
    assertThat(call("GET", "/api/tenants/" + tenant + "/history", adminOf(tenant), null).body())
        .contains("Carol Chen signed acknowledgment form v1");
  }

  @Test
  void anExpiredForgedOrForeignLinkSignsNothing() {
    var tenant = newTenant();
    var carol = addNewPrimaryContact(tenant, "Carol Chen", "carol@outside.example");
    var requestId = requestDisable(tenant);
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;

    var expired = link(requestId, carol, Channel.EMAIL, Instant.now().minusSeconds(1));
    assertThat(open("GET", expired, null).statusCode()).isEqualTo(410);
    var refused = open("POST", expired, "name=Carol+Chen&formVersion=v1");
    assertThat(refused.statusCode()).isEqualTo(410);
    assertThat(refused.body()).contains("This signing link has expired");

    var good = link(requestId, carol, Channel.EMAIL, Instant.now().plusSeconds(3600));
    var tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
    assertThat(open("POST", tampered, "name=Carol+Chen&formVersion=v1").statusCode())
        .isEqualTo(400);
    var otherKey =
        SigningLinks.seal(
            new SigningLinks.Claims(requestId, carol, Channel.EMAIL, Instant.now().plusSeconds(60)),
            "s1",
            "not-the-key".getBytes(StandardCharsets.UTF_8));
    assertThat(open("GET", otherKey, null).statusCode()).isEqualTo(400);

    var notAContact = link(requestId, "bob", Channel.EMAIL, Instant.now().plusSeconds(3600));
    assertThat(open("POST", notAContact, "name=Bob&formVersion=v1").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, adminOf(tenant), null).json())
        .containsEntry("status", "AWAITING_CONFIRMATION");

    // the request itself ran out: its link, though still valid, signs nothing
    jdbc.sql("update support_access_request set expires_at = ? where request_id = ?")
        .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), requestId)
        .update();
    var late = open("POST", good, "name=Carol+Chen&formVersion=v1");
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(late.body()).contains("This request has expired");
    assertThat(
            call("GET", "/api/tenants/" + tenant + "/support-access", adminOf(tenant), null).json())
        .containsEntry("allowed", true);
  }

  @Test
  void onlyTheContactWhoConfirmedSignsAndACancelledRequestIsToldToEveryone() {
    var tenant = newTenant();
    var carol = addNewPrimaryContact(tenant, "Carol Chen", "carol@outside.example");
    var dave = addNewPrimaryContact(tenant, "Dave Diaz", "dave@outside.example");
    var requestId = requestDisable(tenant);
    var path = "/api/tenants/" + tenant + "/support-access/requests/" + requestId;
    var carolsLink = link(requestId, carol, Channel.SMS, Instant.now().plusSeconds(3600));
    var davesLink = link(requestId, dave, Channel.EMAIL, Instant.now().plusSeconds(3600));

    // Dave confirms by replying to his text, so only he may sign now
    jdbc.sql(
            "update support_access_request set status = 'AWAITING_SIGNATURE', confirmed_by = ?,"
                + " confirmed_channel = 'SMS' where request_id = ?")
        .params(dave, requestId)
        .update();
    var notHers = open("POST", carolsLink, "name=Carol+Chen&formVersion=v1");
    assertThat(notHers.statusCode()).isEqualTo(403);
    assertThat(notHers.body()).contains("only they may sign it");

    assertThat(call("POST", path + "/cancel", adminOf(tenant), null).json())
        .containsEntry("status", "CANCELLED");
    var cancelled = open("POST", davesLink, "name=Dave+Diaz&formVersion=v1");
    assertThat(cancelled.statusCode()).isEqualTo(409);
    assertThat(cancelled.body()).contains("cancelled");
    var cancelledStep =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    TopicProbe.read(Topics.SUPPORT_ACCESS, tenant, SupportAccessChanged.class)
                        .stream()
                        .filter(s -> s.step() == Step.CANCELLED)
                        .toList(),
                l -> l.size() == 1)
            .get(0);
    assertThat(cancelledStep.notifyEmails())
        .as("those asked to confirm learn it no longer applies")
        .contains("carol@outside.example", "dave@outside.example", "grace@" + tenant + ".example");
    assertThat(cancelledStep.requestedBy()).isEqualTo("Grace Hopper");
  }

  private String requestDisable(String tenant) {
    var requested =
        call(
            "POST",
            "/api/tenants/" + tenant + "/support-access/requests",
            adminOf(tenant),
            "{\"action\":\"DISABLE\",\"contactAfterReview\":\"grace@example.com\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    return (String) requested.json().get("requestId");
  }

  /** As an admin's "Add new contact": a person with no account, made a Primary Security contact. */
  @SuppressWarnings("unchecked")
  private String addNewPrimaryContact(String tenant, String name, String email) {
    var accepted =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
            {"displayName":"%s","email":"%s","roles":["PRIMARY_SECURITY"],
             "methods":[{"channel":"EMAIL","address":"%s"}]}"""
                .formatted(name, email, email));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    var requestPath =
        "/api/tenants/" + tenant + "/contact-requests/" + accepted.json().get("requestId");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> call("GET", requestPath, adminOf(tenant), null).json().get("status"),
            "COMPLETED"::equals);
    var byRole =
        JSON.readValue(
            call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), null).body(),
            Map.class);
    return ((Map<String, List<Map<String, Object>>>) byRole)
        .values().stream()
            .flatMap(List::stream)
            .filter(c -> name.equals(c.get("displayName")))
            .map(c -> (String) c.get("contactId"))
            .findFirst()
            .orElseThrow();
  }

  private static String link(String requestId, String contactId, Channel channel, Instant until) {
    return SigningLinks.seal(
        new SigningLinks.Claims(requestId, contactId, channel, until), "s1", KEY);
  }

  private HttpResponse<String> open(String method, String token, String form) {
    var request =
        HttpRequest.newBuilder(
            URI.create(
                "http://localhost:"
                    + port
                    + "/support-access/sign/"
                    + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    if (form != null) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    } else {
      request.GET();
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
