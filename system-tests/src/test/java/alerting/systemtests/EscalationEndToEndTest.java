package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertIds;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.local.LocalStack;
import alerting.testsupport.IncidentWords;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The walking skeleton, end to end on a real broker: an incident is emailed, escalates to SMS when
 * nobody acknowledges, and a signed SMS reply acknowledges it for good. Everything is observed
 * where a person would see it: the SMTP inbox, the Twilio endpoint, alerts.state.v1.
 */
class EscalationEndToEndTest {
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  static final String PHONE = "+14155550123";

  @TempDir static Path dataDir;
  static LocalStack stack;
  static final HttpClient http = HttpClient.newHttpClient();
  static StackClient client;

  @BeforeAll
  static void startTheWholeSystem() throws IOException {
    var ports = LocalStack.Ports.free();
    stack =
        LocalStack.start(
            SharedKafka.bootstrapServers(),
            dataDir,
            ports,
            Map.of(
                "alerting.dispatcher.escalation.critical-ack-timeout",
                ACK_TIMEOUT.toSeconds() + "s",
                // no scheduled verification drill sends a message the test does not expect
                "alerting.contacts.verification.scheduled",
                "false",
                "alerting.worker.streams.instance-id",
                "e2e-worker"));
    client =
        new StackClient(
            stack, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anUnacknowledgedEmailEscalatesToSmsAndASignedSmsReplyAcknowledgesIt() throws Exception {
    var tenantId = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    var email = "ada@" + tenantId + ".example";
    var contactId = client.createTenantWithContact(tenantId, email, "(415) 555-0123");

    var incident =
        client.post(
            stack.ports().dispatcher(),
            "/api/incidents",
            Map.of(
                "kind",
                "SECURITY_CONCERN",
                "severity",
                "CRITICAL",
                "title",
                "Leaked API keys",
                "summary",
                "Rotate every API key",
                "statusUrl",
                "https://status.example/inc",
                "tenantIds",
                List.of(tenantId)),
            202);
    var alertId = AlertIds.forRecipient((String) incident.get("incidentId"), tenantId, contactId);

    // 1. the email arrives, with an ack link that opens a confirmation page
    var mail =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(email), m -> m.size() == 1)
            .get(0);
    assertThat(mail.subject()).contains("Leaked API keys", "Acme Corp");
    var link =
        StackClient.firstMatch(Pattern.compile("(http://localhost:\\d+/ack/\\S+)"), mail.text());
    var page =
        http.send(
            HttpRequest.newBuilder(URI.create(link)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Acme Corp", "Leaked API keys", "Acknowledge");
    assertThat(client.smsTo(PHONE)).as("nothing is texted before the email's deadline").isEmpty();

    // 2. nobody acknowledges: after the deadline the SMS goes out at Twilio, with the reply code
    var sms =
        await()
            .atMost(ACK_TIMEOUT.multipliedBy(4))
            .until(() -> client.smsTo(PHONE), s -> s.size() == 1)
            .get(0);
    var replyCode = StackClient.firstMatch(Pattern.compile("Reply ([A-Z0-9]{4})"), sms.body());
    assertThat(sms.body()).contains("Acme Corp", "Leaked API keys");
    assertThat(sms.statusCallback()).startsWith(stack.ports().ackReceiverUrl());

    // 3. a reply with a forged signature is refused; the real one acknowledges
    var twilio = stack.twilio();
    var forged = twilio.replyToSms(PHONE, sms.from(), "ACK " + replyCode, "c2lnbmF0dXJl");
    assertThat(forged.status()).isEqualTo(403);
    var reply = twilio.replyToSms(PHONE, sms.from(), "ack " + replyCode.toLowerCase());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("<Message>", "Acknowledged", "Acme Corp", "Leaked API keys");

    // 4. the alert is ACKNOWLEDGED on alerts.state.v1, and nothing more is sent
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.states().stream()
                    .anyMatch(
                        s ->
                            s.alertId().equals(alertId) && s.status() == AlertStatus.ACKNOWLEDGED));
    var acknowledged =
        client.states().stream()
            .filter(s -> s.alertId().equals(alertId) && s.status() == AlertStatus.ACKNOWLEDGED)
            .findFirst()
            .orElseThrow();
    assertThat(acknowledged.acknowledgment().channel()).isEqualTo(Channel.SMS);
    assertThat(acknowledged.acknowledgment().evidence().from())
        .doesNotContain("555-0123")
        .endsWith("123");
    await()
        .during(ACK_TIMEOUT.plusSeconds(2))
        .atMost(ACK_TIMEOUT.plusSeconds(10))
        .until(
            () ->
                client.mailsTo(email).size() == 1
                    && client.smsTo(PHONE).size() == 1
                    && twilio.calls().stream().noneMatch(c -> c.to().equals(PHONE)));
    var coverage =
        client.get(
            stack.ports().dispatcher(), "/api/incidents/" + incident.get("incidentId") + "/alerts");
    assertThat(coverage).extracting("totals").extracting("ACKNOWLEDGED").isEqualTo(1);
    assertThat(client.states())
        .filteredOn(s -> s.alertId().equals(alertId))
        .as("no state after the ack says anything but ACKNOWLEDGED")
        .last()
        .extracting(AlertState::status)
        .isEqualTo(AlertStatus.ACKNOWLEDGED);
  }

  @Test
  void aVerificationDrillConfirmedByEmailLinkAndUndeliveredBySmsLeavesTheTenantAtRisk()
      throws Exception {
    var tenantId = "umbrella-" + UUID.randomUUID().toString().substring(0, 8);
    var email = "ada@" + tenantId + ".example";
    var phone = "+14155550166";
    client.createTenantWithContact(tenantId, email, phone);
    var admin = stack.identity().token("ada", "Ada Lovelace", tenantId, "TENANT_ADMIN");
    var contacts = stack.ports().contactService();
    var drill =
        client.post(
            contacts, "/api/tenants/" + tenantId + "/verification-drills", admin, Map.of(), 202);
    assertThat(drill).containsEntry("methods", 2);

    // every method at once, in words that say it is a test: the email's link confirms it
    var mail =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(email), m -> m.size() == 1)
            .get(0);
    assertThat(mail.subject())
        .isEqualTo("Please confirm your security contact address for Acme Corp");
    assertThat(mail.text()).contains("This is a test, not a security incident.");
    var link =
        StackClient.firstMatch(Pattern.compile("(http://localhost:\\d+/ack/\\S+)"), mail.text());
    var page =
        http.send(
            HttpRequest.newBuilder(URI.create(link)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("This is a test, not a security incident.", "Confirm");
    var confirmed =
        http.send(
            HttpRequest.newBuilder(URI.create(link))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(confirmed.body()).contains("Confirmed");

    // the text is sent too, and its carrier reports it undelivered
    var sms =
        await().atMost(Duration.ofSeconds(30)).until(() -> client.smsTo(phone), l -> l.size() == 1);
    assertThat(sms.get(0).body()).startsWith("TEST, not an incident: Acme Corp");
    assertThat(stack.twilio().reportMessageStatus(sms.get(0), "undelivered", "30003").status())
        .isEqualTo(204);

    var reachability =
        reachabilityOnce(
            tenantId,
            admin,
            body ->
                body.contains("\"state\":\"VERIFIED\"") && body.contains("last attempt failed"));
    assertThat(reachability.body())
        .contains("\"atRisk\":true", "only one verified channel (EMAIL)");
  }

  @Test
  void aVerificationEmailThatBouncesPutsTheTenantAtRiskAndItsAdminsGetTheBannerAndTheReviewEmail()
      throws Exception {
    var tenantId = "initech-" + UUID.randomUUID().toString().substring(0, 8);
    var left = "ada@" + tenantId + ".example";
    var phone = "+14155550188";
    client.createTenantWithContact(tenantId, left, phone);
    // Ada left the company: her mailbox is gone, and Bob is the tenant's other admin
    stack.mail().refuseRecipient(left);
    var contacts = stack.ports().contactService();
    var bob = client.addAdmin(tenantId, "bob", "Bob");
    var admin = stack.identity().token("bob", "Bob", tenantId, "TENANT_ADMIN");
    client.post(
        contacts, "/api/tenants/" + tenantId + "/verification-drills", admin, Map.of(), 202);

    // the text is answered with its reply code; the email bounces at the relay
    var sms =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.smsTo(phone), l -> l.size() == 1)
            .get(0);
    var code = StackClient.firstMatch(Pattern.compile("[Rr]eply ([A-Z0-9]{4})"), sms.body());
    assertThat(stack.twilio().replyToSms(phone, sms.from(), code).status()).isEqualTo(200);
    var reachability =
        reachabilityOnce(
            tenantId,
            admin,
            body -> body.contains("\"state\":\"VERIFIED\"") && body.contains("bounced: SMTP 550"));
    assertThat(reachability.body())
        .contains("\"atRisk\":true", "only one verified channel (SMS)", "User unknown");
    assertThat(client.mailsTo(left)).as("nothing reached the mailbox that is gone").isEmpty();

    // the review job (hourly; run once here) asks the admins: Bob gets the email and the banner
    runScheduled("contact-service", "ReviewNudges");
    var review =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(bob), m -> !m.isEmpty())
            .get(0);
    assertThat(review.subject()).isEqualTo("Please review the security contacts of Acme Corp");
    assertThat(review.text()).contains("only one verified channel (SMS)", "bounced");
    var banners =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client.call(
                        "GET", contacts, "/api/tenants/" + tenantId + "/notices", admin, null),
                r -> r.body().contains("Review your security contacts"));
    assertThat(banners.body()).contains("only one verified channel (SMS)");
  }

  /** The tenant's reachability as its admin reads it, once {@code until} holds for it. */
  private static HttpResponse<String> reachabilityOnce(
      String tenantId, String admin, java.util.function.Predicate<String> until) {
    var path = "/api/tenants/" + tenantId + "/reachability";
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.call("GET", stack.ports().contactService(), path, admin, null),
            r -> until.test(r.body()));
  }

  /**
   * Runs one of a service's scheduled jobs now, as its scheduler would, instead of waiting for its
   * period.
   */
  private static void runScheduled(String service, String jobClass) {
    var jobs =
        stack
            .service(service)
            .getBeansOfType(org.springframework.scheduling.config.ScheduledTaskHolder.class)
            .values()
            .stream()
            .flatMap(holder -> holder.getScheduledTasks().stream())
            .map(task -> task.getTask().getRunnable())
            // Spring wraps the job to track its outcome; the wrapper names the bean's method
            .filter(job -> job.toString().contains("." + jobClass + "."))
            .toList();
    assertThat(jobs).as(jobClass + " is scheduled in " + service).hasSize(1);
    jobs.get(0).run();
  }

  @Test
  void aVerificationCallAnsweredByAMachineMarksThePhoneStaleWithTheReason() throws Exception {
    var tenantId = "cyberdyne-" + UUID.randomUUID().toString().substring(0, 8);
    var phone = "+14155550155";
    client.createTenantWithContact(tenantId, "ada@" + tenantId + ".example", phone, "VOICE");
    var admin = stack.identity().token("ada", "Ada Lovelace", tenantId, "TENANT_ADMIN");
    var contacts = stack.ports().contactService();
    client.post(
        contacts, "/api/tenants/" + tenantId + "/verification-drills", admin, Map.of(), 202);

    var call =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> stack.twilio().calls().stream().filter(c -> c.to().equals(phone)).toList(),
                l -> l.size() == 1)
            .get(0);
    assertThat(stack.twilio().reportCallStatus(call, "completed", "machine_start").status())
        .isEqualTo(204);

    var reachability =
        reachabilityOnce(tenantId, admin, body -> body.contains("last attempt failed"));
    assertThat(reachability.body()).contains("\"atRisk\":true").doesNotContain("\"VERIFIED\"");
  }

  @Test
  void confirmingTheEmailLinkAcknowledgesBeforeAnySmsIsSent() throws Exception {
    var tenantId = "globex-" + UUID.randomUUID().toString().substring(0, 8);
    var email = "grace@" + tenantId + ".example";
    var phone = "+14155550177";
    var contactId = client.createTenantWithContact(tenantId, email, phone);
    var incident =
        client.post(
            stack.ports().dispatcher(),
            "/api/incidents",
            Map.of(
                "severity",
                "CRITICAL",
                "title",
                "Suspicious logins",
                "tenantIds",
                List.of(tenantId)),
            202);
    var alertId = AlertIds.forRecipient((String) incident.get("incidentId"), tenantId, contactId);

    var mail =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(email), m -> m.size() == 1)
            .get(0);
    var link =
        StackClient.firstMatch(Pattern.compile("(http://localhost:\\d+/ack/\\S+)"), mail.text());
    var confirmed =
        http.send(
            HttpRequest.newBuilder(URI.create(link))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("acknowledged", "Suspicious logins");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.states().stream()
                    .anyMatch(
                        s ->
                            s.alertId().equals(alertId)
                                && s.status() == AlertStatus.ACKNOWLEDGED
                                && s.acknowledgment().channel() == Channel.EMAIL));
    await()
        .during(ACK_TIMEOUT.plusSeconds(2))
        .atMost(ACK_TIMEOUT.plusSeconds(10))
        .until(() -> client.smsTo(phone).isEmpty() && client.mailsTo(email).size() == 1);
  }

  @Test
  void supportAccessIsBlockedAfterAConfirmedSignedRequestAndAllowedAgainByAPhoneCall()
      throws Exception {
    var tenantId = "initech-" + UUID.randomUUID().toString().substring(0, 8);
    var email = "ada@" + tenantId + ".example";
    var phone = "+14155550188";
    client.createTenantWithContact(tenantId, email, phone, "VOICE");
    var admin = stack.identity().token("ada", "Ada Lovelace", tenantId, "TENANT_ADMIN");
    var support = stack.identity().token("sam", "Sam Support", null, "SUPPORT");
    var contacts = stack.ports().contactService();
    assertThat(
            client
                .call("GET", contacts, "/api/tenants/" + tenantId + "/contacts", support, null)
                .statusCode())
        .isEqualTo(200);

    // 1. the request is confirmed through the pipeline: Ada's alert email, its link confirmed
    var disable =
        client.post(
            contacts,
            "/api/tenants/" + tenantId + "/support-access/requests",
            admin,
            Map.of("action", "DISABLE", "contactAfterReview", "ada@" + tenantId + ".example"),
            202);
    var request =
        "/api/tenants/" + tenantId + "/support-access/requests/" + disable.get("requestId");
    var confirmation =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(email), m -> m.size() == 1)
            .get(0);
    assertThat(confirmation.subject()).contains("Confirm: disable Customer Support Access");
    var link =
        StackClient.firstMatch(
            Pattern.compile("(http://localhost:\\d+/ack/\\S+)"), confirmation.text());
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(link))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.get(contacts, request, admin).get("status"), "AWAITING_SIGNATURE"::equals);

    // 2. Ada signs the acknowledgment form; support access is disabled and everyone is told
    var signed =
        client.post(
            contacts,
            request + "/signature",
            admin,
            Map.of("name", "Ada Lovelace", "formVersion", "v1"),
            200);
    assertThat(signed).containsEntry("status", "DONE");
    var refused =
        client.call("GET", contacts, "/api/tenants/" + tenantId + "/contacts", support, null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("support access is disabled by the tenant");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.mail().messages().stream()
                    .anyMatch(
                        m ->
                            m.to().contains(email)
                                && m.subject()
                                    .contains(
                                        "Customer Support Access for Acme Corp is disabled")));

    // 3. re-enabling is confirmed by a phone call: Ada answers and presses 1
    var enable =
        client.post(
            contacts,
            "/api/tenants/" + tenantId + "/support-access/requests",
            admin,
            Map.of("action", "ENABLE"),
            202);
    var reEnable =
        "/api/tenants/" + tenantId + "/support-access/requests/" + enable.get("requestId");
    var call =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> stack.twilio().calls().stream().filter(c -> c.to().equals(phone)).toList(),
                l -> l.size() == 1)
            .get(0);
    var playing = stack.twilio().answerCall(call, "human");
    assertThat(playing.status()).isEqualTo(200);
    assertThat(playing.body())
        .contains("<Gather", "Acme Corp", "asked to re-enable Customer Support Access")
        .contains("This is not a security incident");
    var pressed = stack.twilio().pressDigits(call, playing, "1");
    assertThat(pressed.body()).contains("Your confirmation is recorded");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.get(contacts, reEnable, admin).get("status"), "DONE"::equals);
    assertThat(client.get(contacts, reEnable, admin)).containsEntry("confirmedChannel", "VOICE");
    assertThat(
            client
                .call("GET", contacts, "/api/tenants/" + tenantId + "/contacts", support, null)
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * Seed 000's "Add new contact" makes a person without a user account; as the tenant's Primary
   * Security contact they confirm and sign a request to disable Customer Support Access with the
   * signing link in the confirmation email alone, in a real browser on a phone-sized window.
   */
  @Test
  void aContactWithoutAnAccountDisablesSupportAccessThroughTheEmailedSigningLink()
      throws Exception {
    var tenantId = "hooli-" + UUID.randomUUID().toString().substring(0, 8);
    var platform = stack.identity().token("platform", "Platform", null, "PLATFORM");
    var contacts = stack.ports().contactService();
    client.post(
        contacts,
        "/internal/tenants",
        platform,
        Map.of("tenantId", tenantId, "name", "Hooli"),
        201);
    client.addAdmin(tenantId, "grace", "Grace Hopper");
    var grace = stack.identity().token("grace", "Grace Hopper", tenantId, "TENANT_ADMIN");
    var carol = "carol@" + tenantId + ".example";
    var added =
        client.post(
            contacts,
            "/api/tenants/" + tenantId + "/contact-requests",
            grace,
            Map.of(
                "displayName",
                "Carol Chen",
                "email",
                carol,
                "roles",
                List.of("PRIMARY_SECURITY"),
                "methods",
                List.of(Map.of("channel", "EMAIL", "address", carol))),
            202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .get(
                        contacts,
                        "/api/tenants/" + tenantId + "/contact-requests/" + added.get("requestId"),
                        grace)
                    .get("status"),
            "COMPLETED"::equals);
    var directory =
        stack
            .service("alert-dispatcher")
            .getBean(alerting.dispatcher.recipients.ContactDirectory.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> directory.tenant(tenantId).map(t -> !t.contacts().isEmpty()).orElse(false));

    var disable =
        client.post(
            contacts,
            "/api/tenants/" + tenantId + "/support-access/requests",
            grace,
            Map.of("action", "DISABLE", "contactAfterReview", "grace@" + tenantId + ".example"),
            202);
    var request =
        "/api/tenants/" + tenantId + "/support-access/requests/" + disable.get("requestId");
    var confirmation =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client.mailsTo(carol).stream()
                        .filter(m -> m.subject().startsWith("Confirm: disable"))
                        .toList(),
                m -> m.size() == 1)
            .get(0);
    assertThat(confirmation.subject())
        .isEqualTo("Confirm: disable Customer Support Access for Hooli");
    assertThat(confirmation.text())
        .contains("Grace Hopper asked to disable Customer Support Access for Hooli");
    IncidentWords.assertNone("the confirmation email", confirmation.text());
    var link =
        StackClient.firstMatch(
            Pattern.compile("(http://localhost:\\d+/support-access/sign/\\S+)"),
            confirmation.text());

    try (var phone =
        alerting.systemtests.browser.Browser.open(alerting.systemtests.browser.Browser.PHONE)) {
      phone.go(link);
      var page = phone.find("main").getText();
      assertThat(page)
          .contains(
              "Review and sign: disable Customer Support Access for Hooli",
              "Grace Hopper asked to disable",
              "Our support staff cannot use troubleshooting tools");
      assertThat(client.get(contacts, request, grace))
          .as("opening the link signs nothing")
          .containsEntry("status", "AWAITING_CONFIRMATION");
      phone.check("support-access-sign-link");
      phone.find("#signature-name").sendKeys("Carol Chen");
      phone
          .driver
          .findElement(org.openqa.selenium.By.cssSelector("form.sign button[type=submit]"))
          .click();
      phone.wait.until(
          d ->
              d.findElement(org.openqa.selenium.By.tagName("h1"))
                  .getText()
                  .equals("Signed: Customer Support Access for Hooli is disabled"));
      phone.check("support-access-signed-by-link");
      phone.go(link);
      assertThat(phone.find("h1").getText()).isEqualTo("This signing link was already used");
      phone.check("support-access-sign-link-used");
    }
    assertThat(client.get(contacts, request, grace))
        .containsEntry("status", "DONE")
        .containsEntry("confirmedChannel", "EMAIL")
        .containsEntry("signedName", "Carol Chen")
        .containsEntry("signatureVerifiedBy", "LINK")
        .containsEntry("formVersion", "v1");
    var support = stack.identity().token("sam", "Sam Support", null, "SUPPORT");
    assertThat(
            client
                .call("GET", contacts, "/api/tenants/" + tenantId + "/contacts", support, null)
                .statusCode())
        .isEqualTo(403);
    var disabled =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client.mailsTo(carol).stream()
                        .filter(
                            m ->
                                m.subject().equals("Customer Support Access for Hooli is disabled"))
                        .toList(),
                m -> m.size() == 1)
            .get(0);
    assertThat(disabled.text()).contains("Grace Hopper", "Carol Chen");

    // the link signs once: pressing Sign again from the same link is refused
    var replayed =
        http.send(
            HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Carol+Chen&formVersion=v1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(replayed.statusCode()).isEqualTo(409);
    assertThat(replayed.body()).contains("This signing link was already used");
  }

  @Test
  void onTheSharedClassPathEachServiceStartsOnlyWhatItsOwnJarWould() {
    // one class path holds every service's libraries here; LocalStack keeps each service to its
    // own (ADR 0011): one database (contact-service's), sign-in only where a service has it
    for (var service :
        List.of(
            "identity",
            "contact-service",
            "ack-receiver",
            "escalation-worker",
            "alert-dispatcher",
            "console")) {
      var context = stack.service(service);
      assertThat(context.getBeanNamesForType(DataSource.class))
          .as(service + " databases")
          .hasSize(service.equals("contact-service") ? 1 : 0);
      var signIn = context.getBeanNamesForType(SecurityFilterChain.class);
      if (List.of("ack-receiver", "escalation-worker").contains(service)) {
        assertThat(signIn).as(service + " sign-in").isEmpty();
      } else {
        assertThat(signIn).as(service + " sign-in").isNotEmpty();
      }
    }
  }

  @Test
  void everyServiceReportsHealthAndPrometheusMetricsOnItsManagementPortOnly() throws Exception {
    var publicPorts =
        Map.of(
            "contact-service",
            stack.ports().contactService(),
            "alert-dispatcher",
            stack.ports().dispatcher(),
            "escalation-worker",
            stack.ports().worker(),
            "ack-receiver",
            stack.ports().ackReceiver());
    for (var service : publicPorts.entrySet()) {
      var port = stack.managementPort(service.getKey());
      assertThat(client.get(port, "/actuator/health")).containsEntry("status", "UP");
      var metrics =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      var onPublicPort =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + service.getValue() + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(onPublicPort.statusCode()).as(service.getKey() + " public port").isEqualTo(404);
    }
  }
}
