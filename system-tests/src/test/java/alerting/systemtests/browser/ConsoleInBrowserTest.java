package alerting.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.local.LocalStack;
import alerting.localinfra.CaughtMail;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console as people use it, in a real Chromium, on the whole stack with a real broker: the demo
 * tenant's admin, a member, a responder and a contact acknowledging on a phone. Each page is
 * checked with axe-core and pictured at desktop and phone width into docs/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserTest {
  static final Pattern ACK_LINK = Pattern.compile("(http://localhost:\\d+/ack/\\S+)");

  @TempDir static Path dataDir;
  static LocalStack stack;
  static String console;

  @BeforeAll
  static void startTheWholeSystem() throws IOException {
    // the broker first: it takes ports of its own, which must not be among those chosen below
    var kafka = SharedKafka.bootstrapServers();
    var ports = LocalStack.Ports.free();
    stack =
        LocalStack.start(
            kafka,
            dataDir,
            ports,
            Map.of(
                LocalStack.DEMO_TENANT,
                LocalStack.DEMO_TENANT_MIGRATIONS,
                // no scheduled verification drill sends a message the test does not expect
                "alerting.contacts.verification.scheduled",
                "false",
                "alerting.worker.streams.instance-id",
                "browser-worker"));
    console = ports.consoleUrl();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theTenantAdminSearchesAPersonAndAddsThemAsPrimarySecurityContact() {
    try (var grace = Browser.open(Browser.DESKTOP)) {
      grace.driver.get(console + "/");
      grace.find("#username");
      grace.check("sign-in");
      grace.signIn(console, "grace");
      grace.check("contacts-empty");
      grace.find("#q").sendKeys("ada");
      var add = grace.find("#search-results a.button");
      assertThat(grace.find("#search-results").getText()).contains("Ada Lovelace");
      add.click();
      grace.wait.until(ExpectedConditions.urlContains("/contacts/add"));
      grace.check("contact-add");
      grace.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      grace.wait.until(ExpectedConditions.urlMatches(".*/contacts$"));
      assertThat(grace.find("[aria-labelledby=role-PRIMARY_SECURITY]").getText())
          .contains("Ada Lovelace");
      assertThat(grace.text()).contains("Ada Lovelace is now a security contact");
      grace.check("contacts");

      var mail = awaitMail("ada@acme.example", "contact");
      assertThat(mail.text()).contains("Ada Lovelace");

      grace
          .driver
          .findElement(By.cssSelector("[aria-labelledby=role-PRIMARY_SECURITY] a.button.secondary"))
          .click();
      grace.find("#channel-1");
      new Select(grace.driver.findElement(By.id("channel-1"))).selectByValue("SMS");
      grace.find("#address-1").sendKeys("12");
      grace.driver.findElement(By.cssSelector("main form .buttons button[type=submit]")).click();
      assertThat(grace.find("#row-error").getText()).contains("phone number");
      assertThat(grace.find("#address-1").getAttribute("aria-invalid")).isEqualTo("true");
      grace.check("contact-methods-invalid");
      grace.find("#address-1").clear();
      grace.find("#address-1").sendKeys("+1 415 555 0123");
      grace.driver.findElement(By.cssSelector("main form .buttons button[type=submit]")).click();
      grace.wait.until(ExpectedConditions.urlMatches(".*/contacts$"));
      assertThat(grace.find("[aria-labelledby=role-PRIMARY_SECURITY]").getText())
          .contains("+14155550123");

      grace.go(console + "/contacts/new");
      grace.find("#email").sendKeys("not-an-email");
      grace.find("#displayName").sendKeys("Linus");
      grace.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      assertThat(grace.find(".field-error").getText()).isNotBlank();
      assertThat(grace.find("#email").getAttribute("aria-invalid")).isEqualTo("true");
      grace.check("contact-new-invalid");

      // fixed in place: the request is received, then the contact added, without a reload
      grace.find("#email").clear();
      grace.find("#email").sendKeys("linus@acme.example");
      grace.find("#displayName").sendKeys(" Torvalds");
      grace.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      assertThat(grace.find("#progress").getText())
          .containsAnyOf("Request received", "Contact added");
      grace.wait.until(d -> grace.find("#progress").getText().contains("Contact added"));
      grace.check("contact-new-added");

      grace.go(console + "/contacts");
      grace
          .driver
          .findElement(
              By.cssSelector("a[aria-label='Remove Linus Torvalds as Primary Security contact']"))
          .click();
      assertThat(grace.find("main h1").getText()).contains("Remove Linus Torvalds");
      grace.check("contact-remove");
      grace.driver.findElement(By.cssSelector("main form button.danger")).click();
      grace.wait.until(ExpectedConditions.urlMatches(".*/contacts$"));
      assertThat(grace.find(".done").getText())
          .contains("Linus Torvalds is no longer a Primary Security contact");
      assertThat(grace.find("[aria-labelledby=role-PRIMARY_SECURITY]").getText())
          .doesNotContain("Linus");
    }
  }

  @Test
  @Order(2)
  void aTenantMemberSeesTheContactsButCannotChangeThem() {
    try (var ada = Browser.open(Browser.DESKTOP)) {
      ada.signIn(console, "ada");
      assertThat(ada.text()).contains("Ada Lovelace", "only tenant admins can change them");
      assertThat(ada.driver.findElements(By.id("q"))).isEmpty();
      assertThat(ada.driver.findElements(By.cssSelector("a.button.danger"))).isEmpty();
      ada.check("contacts-member");

      // signing out ends the provider's session too: the console asks for a password again
      ada.driver.findElement(By.cssSelector(".who button")).click();
      ada.driver.get(console + "/contacts");
      ada.find("#username");
      assertThat(ada.driver.getCurrentUrl()).doesNotStartWith(console);
    }
  }

  @Test
  @Order(3)
  void aResponderRaisesAnIncidentAndTheBoardShowsTheAckMadeOnAPhone() {
    try (var rita = Browser.open(Browser.DESKTOP)) {
      rita.signIn(console, "rita");
      rita.go(console + "/incidents/new");
      rita.check("incident-new");
      rita.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      assertThat(rita.find("#title-error").getText()).contains("title");
      rita.find("#title").sendKeys("Leaked API keys");
      rita.find("#summary").sendKeys("Rotate every API key now.");
      rita.find("#statusUrl").sendKeys("https://status.example.com");
      rita.find("#tenantIds").sendKeys("acme");
      rita.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      rita.wait.until(ExpectedConditions.urlContains("/incidents/review"));
      rita.check("incident-review");
      rita.driver.findElement(By.cssSelector("main form button.danger")).click();
      rita.wait.until(ExpectedConditions.urlMatches(".*/incidents/inc-[^/]+$"));
      rita.wait.until(d -> rita.find("#total-open").getText().equals("1"));
      assertThat(rita.find("#total-acknowledged").getText()).isEqualTo("0");
      assertThat(rita.find("[aria-labelledby=tenants-heading]").getText()).contains("Acme Corp");
      rita.check("incident-board-open");

      var alert = awaitMail("ada@acme.example", "Security alert");
      var link = firstMatch(ACK_LINK, alert.text());
      assertThat(alert.html())
          .contains(link.replace("&", "&amp;"))
          .contains("Acknowledge this alert")
          .containsPattern("reply <strong>ACK [A-Z0-9]{4}</strong>");
      try (var mailbox = Browser.open(Browser.PHONE)) {
        mailbox.driver.get(
            "data:text/html;base64,"
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        alert.html().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        mailbox.screenshots("email-alert");
      }
      try (var phone = Browser.open(Browser.PHONE)) {
        phone.go(link);
        phone.check("ack-confirm");
        var button = phone.find("button[type=submit]");
        assertThat(button.getSize().getHeight()).isGreaterThanOrEqualTo(44);
        button.click();
        phone.wait.until(d -> phone.text().contains("acknowledged"));
        phone.check("ack-thanks");
      }
      // the open board refreshes itself: no reload
      rita.wait
          .withTimeout(Duration.ofSeconds(15))
          .until(d -> rita.find("#total-acknowledged").getText().equals("1"));
      rita.check("incident-board-acknowledged");
      rita.go(console + "/incidents");
      assertThat(rita.text()).contains("Leaked API keys");
      rita.check("incidents");
    }
  }

  @Test
  @Order(4)
  void theTenantAdminSeesTheIncidentAsABannerOnEveryPageAndDismissesIt() {
    try (var grace = Browser.open(Browser.DESKTOP)) {
      grace.signIn(console, "grace");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                grace.go(console + "/history");
                return grace.find(".notice.concern").getText().contains("Leaked API keys");
              });
      grace.check("banner");
      grace.driver.findElement(By.cssSelector(".notice.concern button")).click();
      grace.wait.until(ExpectedConditions.urlMatches(".*/history$"));
      assertThat(grace.driver.findElements(By.cssSelector(".notice.concern"))).isEmpty();
    }
  }

  @Test
  @Order(5)
  void aPrimarySecurityContactDisablesSupportAccessThroughTheConsole() {
    try (var ada = Browser.open(Browser.DESKTOP)) {
      ada.signIn(console, "ada");
      ada.go(console + "/support-access");
      ada.check("support-access-enabled");
      var alertsBefore = stack.mail().messages().size();
      ada.driver.findElement(By.cssSelector("main section form button[type=submit]")).click();
      assertThat(ada.find(".done").getText()).contains("Request received");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stack.mail().messages().size() > alertsBefore && confirmation() != null);
      try (var phone = Browser.open(Browser.PHONE)) {
        phone.go(firstMatch(ACK_LINK, confirmation().text()));
        phone.check("ack-support-access-confirm");
        phone.find("button[type=submit]").click();
        phone.wait.until(d -> phone.text().contains("Your confirmation is recorded"));
        phone.check("ack-support-access-confirmed");
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                ada.go(console + "/support-access");
                return !ada.driver.findElements(By.id("signature-name")).isEmpty();
              });
      ada.check("support-access-sign");
      ada.find("#signature-name").sendKeys("Ada Lovelace");
      ada.driver.findElement(By.cssSelector(".form-text button[type=submit]")).click();
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                ada.go(console + "/support-access");
                return ada.find(".state").getText().startsWith("Disabled");
              });
      ada.check("support-access-disabled");
    }
  }

  @Test
  @Order(6)
  void theResponderFollowsUpOnTheIncidentAndClosesItAfterConfirming() {
    try (var rita = Browser.open(Browser.DESKTOP)) {
      rita.signIn(console, "rita");
      rita.go(console + "/incidents");
      rita.driver.findElement(By.linkText("Leaked API keys")).click();
      rita.wait.until(ExpectedConditions.urlMatches(".*/incidents/inc-[^/]+$"));
      var board = rita.driver.getCurrentUrl();

      rita.driver.findElement(By.cssSelector("#follow-up button[type=submit]")).click();
      assertThat(rita.find("#message-error").getText()).contains("Write what has changed");
      assertThat(rita.find("#message").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(rita.find("#message").getAttribute("aria-describedby")).contains("message-error");
      rita.check("incident-follow-up-invalid");

      rita.find("#message")
          .sendKeys("All API keys were rotated at 14:00 UTC; no action is needed.");
      rita.find("#statusUrl").sendKeys("https://status.example.com/leaked-keys");
      rita.driver.findElement(By.cssSelector("#follow-up button[type=submit]")).click();
      assertThat(rita.find("#follow-up .done").getText()).contains("Follow-up sent");
      assertThat(rita.driver.getCurrentUrl()).isEqualTo(board + "#follow-up");
      assertThat(rita.find("#message").getText())
          .as("a sent message is not kept for sending twice")
          .isEmpty();
      assertThat(rita.driver.findElements(By.id("message-error"))).isEmpty();
      rita.check("incident-follow-up-sent");

      var followUp = awaitMail("ada@acme.example", "Update: Leaked API keys");
      assertThat(followUp.text())
          .contains(
              "All API keys were rotated at 14:00 UTC", "https://status.example.com/leaked-keys");

      rita.find("#close-start").click();
      rita.wait.until(ExpectedConditions.urlContains("/close"));
      assertThat(rita.find("#close-warning").getText()).contains("cannot be undone");
      assertThat(rita.find("#summary-status").getText())
          .as("nothing closed before confirming")
          .isEqualTo("Open");
      rita.check("incident-close-confirm");
      rita.find("#reason").sendKeys("Keys rotated, no misuse found");
      rita.driver.findElement(By.cssSelector("#close-confirm button.danger")).click();
      // back on the board (the form's #close fragment carries over the redirect)
      rita.wait.until(d -> d.getCurrentUrl().replaceFirst("#.*", "").equals(board));
      assertThat(rita.find(".done").getText()).contains("Incident closed");
      assertThat(rita.find("#summary-status").getText()).isEqualTo("Closed");
      assertThat(rita.driver.findElements(By.id("follow-up")))
          .as("nothing follows a closure")
          .isEmpty();
      assertThat(rita.driver.findElements(By.id("close-start"))).isEmpty();
      rita.check("incident-board-closed");
      rita.go(console + "/incidents");
      assertThat(
              rita.driver.findElement(By.xpath("//tr[td/a[text()='Leaked API keys']]")).getText())
          .contains("Closed");
    }
  }

  private static CaughtMail confirmation() {
    return stack.mail().messages().stream()
        .filter(
            m ->
                m.to().contains("ada@acme.example")
                    && ACK_LINK.matcher(m.text()).find()
                    && m.subject().toLowerCase().contains("support"))
        .reduce((a, b) -> b)
        .orElse(null);
  }

  @Test
  @Order(7)
  void theTenantAdminVerifiesTheContactsAndSeesTheConfirmedMethodVerified() throws Exception {
    try (var grace = Browser.open(Browser.DESKTOP)) {
      grace.signIn(console, "grace");
      grace.go(console + "/contacts");
      assertThat(grace.find("[aria-labelledby=reachability]").getText())
          .contains("We may not be able to reach your organisation")
          .contains("no Primary Security contact has a verified contact method");
      grace.driver.findElement(By.cssSelector("[aria-labelledby=reachability] button")).click();
      grace.wait.until(ExpectedConditions.urlMatches(".*/contacts$"));
      assertThat(grace.find(".done").getText()).contains("Verification sent");
      grace.check("contacts-verification-sent");

      // Ada confirms the email's test message; her SMS stays unanswered
      var mail = awaitMail("ada@acme.example", "Please confirm your security contact address");
      var link = firstMatch(ACK_LINK, mail.text());
      var confirmed =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(link))
                      .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(confirmed.body()).contains("Confirmed");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                grace.go(console + "/contacts");
                return grace.find("[aria-labelledby=role-PRIMARY_SECURITY]").getText();
              },
              text -> text.contains("Verified") && text.contains("awaiting confirmation"));
      assertThat(grace.find("[aria-labelledby=reachability]").getText())
          .as("one verified channel is still a risk")
          .contains("only one verified channel (EMAIL)");
      grace.check("contacts-verified");
    }
  }

  @Test
  @Order(8)
  void aPlatformOperatorSeesAcmeAmongTheTenantsAtRiskWithWhy() {
    try (var pat = Browser.open(Browser.DESKTOP)) {
      pat.signIn(console, "pat");
      pat.driver.findElement(By.linkText("Tenants at risk")).click();
      pat.wait.until(ExpectedConditions.urlMatches(".*/platform/tenants$"));
      assertThat(pat.find("#summary").getText()).contains("tenants at risk");
      assertThat(pat.find("main table").getText())
          .contains("Acme Corp", "At risk", "only one verified channel (EMAIL)");
      pat.check("platform-tenants");
    }
    try (var grace = Browser.open(Browser.DESKTOP)) {
      grace.signIn(console, "grace");
      grace.go(console + "/platform/tenants");
      assertThat(grace.text()).contains("Platform operators only");
    }
    // the incident's board shows, beside Ada, what the drill found
    try (var rita = Browser.open(Browser.DESKTOP)) {
      rita.signIn(console, "rita");
      rita.go(console + "/incidents");
      rita.driver.findElement(By.linkText("Leaked API keys")).click();
      rita.wait.until(ExpectedConditions.urlMatches(".*/incidents/inc-[^/]+$"));
      assertThat(rita.find("main table tbody .reach").getText())
          .startsWith("Drills: EMAIL verified");
    }
  }

  private static CaughtMail awaitMail(String to, String subjectPart) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack.mail().messages().stream()
                    .filter(
                        m ->
                            m.to().contains(to)
                                && m.subject().toLowerCase().contains(subjectPart.toLowerCase()))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  private static String firstMatch(Pattern pattern, String text) {
    var m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }
}
