package alerting.ack.links;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.EscalationPlan;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged.Action;
import alerting.testsupport.IncidentWords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AckPagesTest {
  private static final ContactMethod SMS = new ContactMethod(Channel.SMS, "+14155550100");

  @Test
  void everyPageIsMobileFirstWithOneMainLandmarkOneHeadingAndNoScriptOrExternalAsset()
      throws Exception {
    pages(alert("Acme Corp", "Leaked API keys", "Rotate every key", "https://status.example/1"))
        .forEach(
            (state, page) -> {
              assertThat(page)
                  .as(state)
                  .startsWith("<!doctype html><html lang=\"en\">")
                  .contains(
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                  .doesNotContain("<script", " src=", "<link", " style=\"", "@import", "url(");
              assertThat(count(page, "<main")).as(state + ": one main landmark").isEqualTo(1);
              assertThat(count(page, "<h1")).as(state + ": one heading").isEqualTo(1);
            });
  }

  @Test
  void theContentSecurityPolicyAllowsExactlyThePagesOwnStyleSheet() throws Exception {
    var page = AckPages.expired();
    var style = page.substring(page.indexOf("<style>") + 7, page.indexOf("</style>"));
    var hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(style.getBytes(StandardCharsets.UTF_8)));

    assertThat(AckPages.CONTENT_SECURITY_POLICY)
        .contains(
            "default-src 'none'",
            "style-src 'sha256-" + hash + "'",
            "form-action 'self'",
            "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "script-src");
  }

  @Test
  void theStyleSheetKeepsTextReadableTargetsLargeAndLongWordsWrapping() {
    var style = AckPages.invalid();
    assertThat(style)
        .contains(
            "font:1rem/1.5 system-ui",
            "button{display:block;width:100%;min-height:48px",
            ".link{display:inline-block;min-height:44px",
            "overflow-wrap:anywhere",
            "@media (min-width:40rem)");
    var sizes = Pattern.compile("font-size:([0-9.]+)rem").matcher(style);
    while (sizes.find()) {
      assertThat(Double.parseDouble(sizes.group(1)))
          .as("no text below 16px")
          .isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void theConfirmationShowsTheAlertAndAnAcknowledgeButtonThatPostsWithoutJavaScript() {
    var page =
        AckPages.confirm(
            alert("Acme Corp", "Leaked API keys", "Rotate every key", "https://status.example/1"),
            SMS,
            "k1.abc.def");

    assertThat(page)
        .contains(
            "Security alert for Acme Corp",
            "<h1>Leaked API keys</h1>",
            "<span class=\"severity critical\">Critical</span>",
            "Rotate every key",
            "Ada Lovelace by text message",
            "<a class=\"link\" href=\"https://status.example/1\" rel=\"noopener noreferrer\">",
            "<form method=\"post\" action=\"/ack/k1.abc.def\"><button type=\"submit\">Acknowledge</button></form>");
  }

  @Test
  void everyValueFromTheAlertIsEscaped() {
    var hostile =
        alert(
            "\"Acme\" & <Co>",
            "<img src=x onerror=alert(1)>",
            "<script>alert(2)</script>",
            "https://status.example/?a=1&b=\"><script>");

    pages(hostile)
        .forEach(
            (state, page) -> assertThat(page).as(state).doesNotContain("<img", "<script", "<Co>"));
    assertThat(AckPages.confirm(hostile, SMS, "t\"><b>"))
        .contains(
            "&lt;img src=x onerror=alert(1)&gt;",
            "&quot;Acme&quot; &amp; &lt;Co&gt;",
            "&lt;script&gt;alert(2)&lt;/script&gt;",
            "href=\"https://status.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\"",
            "action=\"/ack/t&quot;&gt;&lt;b&gt;\"");
  }

  @Test
  void aStatusUrlThatIsNotAWebAddressIsShownNowhereAsALink() {
    var page =
        AckPages.confirm(
            alert("Acme Corp", "Leaked API keys", null, "javascript:alert(1)"), SMS, "t");
    assertThat(page).doesNotContain("href=", "javascript:", "Status page", "Summary");
  }

  @Test
  void expiredAndInvalidLinksAreDistinctPagesThatSayWhatToDoInstead() {
    assertThat(AckPages.expired())
        .contains(
            "<h1>This link has expired</h1>",
            "reply to our text message",
            "answer our call and press 1",
            "contact your security team");
    assertThat(AckPages.invalid())
        .contains(
            "<h1>This link is not valid</h1>",
            "exactly as we sent it",
            "reply to our text message",
            "contact your security team");
    assertThat(AckPages.unknownAlert()).contains("<h1>We could not find this alert</h1>");
  }

  @Test
  void acknowledgedAndClosedAlertsAreToldApartAndOfferNoButton() {
    var alert = alert("Acme Corp", "Leaked API keys", "Rotate every key", null);
    assertThat(AckPages.settled(alert, SMS, AlertStatus.ACKNOWLEDGED))
        .contains("<h1>This alert is already acknowledged</h1>")
        .doesNotContain("<button", "<form");
    assertThat(AckPages.settled(alert, SMS, AlertStatus.CLOSED))
        .contains("<h1>This alert is closed</h1>")
        .doesNotContain("<button", "<form");
  }

  private static Map<String, String> pages(AlertOpened alert) {
    return Map.of(
        "confirm",
        AckPages.confirm(alert, SMS, "token"),
        "thanks",
        AckPages.thanks(alert, SMS),
        "acknowledged",
        AckPages.settled(alert, SMS, AlertStatus.ACKNOWLEDGED),
        "closed",
        AckPages.settled(alert, SMS, AlertStatus.CLOSED),
        "expired",
        AckPages.expired(),
        "invalid",
        AckPages.invalid(),
        "unknown",
        AckPages.unknownAlert());
  }

  @Test
  void aVerificationAlertsPagesSayItIsATestAndConfirmTheMethodWithoutIncidentWords() {
    var incident = alert("Acme Corp", "Verification of your security contact details", null, null);
    var b = incident.brief();
    var verification =
        new AlertOpened(
            incident.eventId(),
            incident.occurredAt(),
            incident.alertId(),
            new AlertBrief(
                "drill-1",
                b.tenantId(),
                b.tenantName(),
                b.contactId(),
                b.contactName(),
                Severity.LOW,
                b.title(),
                null,
                null,
                b.replyCode(),
                alerting.events.Correlation.verification("drill-1")),
            List.of(SMS),
            new EscalationPlan(Duration.ofHours(24), 1));

    assertThat(AckPages.confirm(verification, SMS, "token"))
        .contains(
            "This is a test, not a security incident.",
            "<h1>Confirm that this reaches you</h1>",
            ">Confirm</button>")
        .doesNotContain("Acknowledging tells your security team");
    assertThat(AckPages.thanks(verification, SMS))
        .contains("<h1>Confirmed</h1>", "a way to reach you about security alerts for Acme Corp");
  }

  private static AlertOpened confirmation(Action action, String requestedBy) {
    var brief =
        new AlertBrief(
            "sar-1",
            "t-1",
            "Acme Corp",
            "c-1",
            "Ada Lovelace",
            Severity.HIGH,
            "Confirm: Customer Support Access for Acme Corp",
            null,
            null,
            "ABC123",
            Correlation.supportAccessConfirmation("sar-1", action, requestedBy));
    return new AlertOpened(
        UUID.randomUUID(),
        Instant.now(),
        "alert-1",
        brief,
        List.of(new ContactMethod(Channel.EMAIL, "ada@acme.example"), SMS),
        new EscalationPlan(Duration.ofMinutes(5), 2));
  }

  private static void noIncidentWords(AlertOpened confirmation) {
    pages(confirmation)
        .forEach(
            (state, page) -> {
              if (List.of("confirm", "thanks", "acknowledged", "closed").contains(state)) {
                IncidentWords.assertNone(state, page);
              }
            });
  }

  @Test
  void aDisableConfirmationsPagesNameTheRequesterWhatChangesAndLeadToSigning() {
    var disable = confirmation(Action.DISABLE, "Lee Admin");

    assertThat(AckPages.confirm(disable, SMS, "token"))
        .contains(
            "<h1>Confirm: disable Customer Support Access for Acme Corp</h1>",
            "This is not a security incident.",
            "Lee Admin asked to disable Customer Support Access for Acme Corp.",
            "support staff can no longer troubleshoot Acme Corp",
            "<dt>Requested by</dt><dd>Lee Admin</dd>",
            "<button type=\"submit\">Confirm this request</button>",
            "Nothing changes unless it is confirmed and signed.")
        .doesNotContain("Severity", "Acknowledg");
    assertThat(AckPages.thanks(disable, SMS))
        .contains(
            "<h1>Your confirmation is recorded</h1>",
            "Your confirmation to disable Customer Support Access for Acme Corp is recorded.",
            "Now sign the acknowledgment form with the &lsquo;Review and sign&rsquo; link in the"
                + " email or text we sent you, or in the console.");
    assertThat(AckPages.settled(disable, SMS, AlertStatus.ACKNOWLEDGED))
        .contains("<h1>This request is already confirmed</h1>", "Review and sign")
        .doesNotContain("<button");
    assertThat(AckPages.settled(disable, SMS, AlertStatus.CLOSED))
        .contains("<h1>This request is closed</h1>")
        .doesNotContain("<button");
    noIncidentWords(disable);
  }

  @Test
  void aReEnableConfirmationsPagesNameTheRequesterAndWhatChangesWithoutSigning() {
    var enable = confirmation(Action.ENABLE, "Lee Admin");

    assertThat(AckPages.confirm(enable, SMS, "token"))
        .contains(
            "<h1>Confirm: re-enable Customer Support Access for Acme Corp</h1>",
            "Lee Admin asked to re-enable Customer Support Access for Acme Corp.",
            "support staff may again troubleshoot Acme Corp",
            "Confirm this request");
    assertThat(AckPages.thanks(enable, SMS))
        .contains("<h1>Your confirmation is recorded</h1>", "re-enable Customer Support Access")
        .doesNotContain("sign");
    noIncidentWords(enable);
  }

  @Test
  void aConfirmationOlderThanItsRequesterSaysWhereTheRequestCameFrom() {
    var unnamed = confirmation(null, null);

    assertThat(AckPages.confirm(unnamed, SMS, "token"))
        .contains(
            "<h1>Confirm: Customer Support Access change for Acme Corp</h1>",
            "Someone at Acme Corp asked to change Customer Support Access for Acme Corp.");
    noIncidentWords(unnamed);
  }

  @Test
  void aConfirmationsRequesterIsEscaped() {
    var hostile = confirmation(Action.DISABLE, "<img src=x onerror=alert(1)>");
    pages(hostile).forEach((state, page) -> assertThat(page).as(state).doesNotContain("<img"));
    assertThat(AckPages.confirm(hostile, SMS, "token"))
        .contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void aConfirmationsPagesKeepTheOneLayout() {
    pages(confirmation(Action.DISABLE, "Lee Admin"))
        .forEach(
            (state, page) -> {
              assertThat(count(page, "<main")).as(state).isEqualTo(1);
              assertThat(count(page, "<h1")).as(state).isEqualTo(1);
              assertThat(page).as(state).doesNotContain("<script", " style=\"");
            });
  }

  private static AlertOpened alert(
      String tenantName, String title, String summary, String statusUrl) {
    var brief =
        new AlertBrief(
            "inc-1",
            "t-1",
            tenantName,
            "c-1",
            "Ada Lovelace",
            Severity.CRITICAL,
            title,
            summary,
            statusUrl,
            "ABC123");
    return new AlertOpened(
        UUID.randomUUID(),
        Instant.now(),
        "alert-1",
        brief,
        List.of(new ContactMethod(Channel.EMAIL, "ada@acme.example"), SMS),
        new EscalationPlan(Duration.ofMinutes(5), 2));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
