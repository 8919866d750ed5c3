package alerting.ack.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.ack.AckReceiverTestSupport;
import alerting.events.AckLinks;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AckLinkEndpointTest extends AckReceiverTestSupport {
  private static final java.util.concurrent.atomic.AtomicInteger CLIENTS =
      new java.util.concurrent.atomic.AtomicInteger();

  @Test
  void openingTheLinkShowsAConfirmationPageAndRecordsSeenButNeverAcknowledges(
      CapturedOutput output) {
    var alert = emailThenSms();
    var token = token(alert, 1, "k1", KEY_1, Instant.now().plusSeconds(600));

    var page = get("/ack/" + token, "198.51.100.1");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Acme Corp", "Leaked API keys", "Ada Lovelace", "Acknowledge", "method=\"post\"");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    await().atMost(Duration.ofSeconds(10)).until(() -> !statusesFor(alert.alertId()).isEmpty());
    assertThat(statusesFor(alert.alertId()))
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.status()).isEqualTo(DeliveryStatus.SEEN);
              assertThat(seen.attempt()).isEqualTo(1);
              assertThat(seen.channel()).isEqualTo(Channel.EMAIL);
            });
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId()))
        .as("a mail scanner opening the link acknowledges nothing")
        .isEmpty();
    assertThat(output).doesNotContain(token);
  }

  @Test
  void theConfirmingPostAcknowledgesWithEvidenceAndRepeatingItIsHarmless(CapturedOutput output) {
    var alert = emailThenSms();
    var token = token(alert, 2, "k1", KEY_1, Instant.now().plusSeconds(600));

    var thanks = post("/ack/" + token, "198.51.100.2");

    assertThat(thanks.statusCode()).isEqualTo(200);
    assertThat(thanks.body()).contains("acknowledged", "Leaked API keys", "Acme Corp");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
    assertThat(acksFor(alert.alertId()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.attempt()).isEqualTo(2);
              assertThat(ack.channel())
                  .as("the link was in attempt 2, the SMS")
                  .isEqualTo(Channel.SMS);
              assertThat(ack.evidence().from()).isEqualTo("198.51.100.2");
              assertThat(ack.evidence().detail()).isEqualTo("TestBrowser/1.0");
            });

    publishState(alert, AlertStatus.ACKNOWLEDGED, 2);
    var again = post("/ack/" + token, "198.51.100.2");
    var reopened = get("/ack/" + token, "198.51.100.2");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("already acknowledged");
    assertThat(reopened.body()).contains("already acknowledged").doesNotContain("<button");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).hasSize(1);
    assertThat(output).doesNotContain(token);
  }

  @Test
  void theConfirmationPageIsMobileFirstShowsTheWholeAlertAndRunsOnlyItsOwnStyle() {
    var alert = emailThenSms();
    var page =
        get("/ack/" + token(alert, 1, "k1", KEY_1, Instant.now().plusSeconds(600)), "198.51.100.4");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(AckPages.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(page.body())
        .contains(
            "<html lang=\"en\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "Security alert for Acme Corp",
            "<h1>Leaked API keys</h1>",
            "Critical",
            "Rotate every key",
            "Ada Lovelace by email",
            "href=\"" + alert.brief().statusUrl() + "\"",
            "<button type=\"submit\">Acknowledge</button>");
  }

  @Test
  void aClosedAlertsLinkSaysItIsClosedAndAcknowledgesNothing() {
    var alert = emailThenSms();
    var token = token(alert, 1, "k1", KEY_1, Instant.now().plusSeconds(600));
    publishState(alert, AlertStatus.CLOSED, 1);

    var opened = get("/ack/" + token, "198.51.100.5");
    var pressed = post("/ack/" + token, "198.51.100.5");

    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body())
        .contains("This alert is closed", "Leaked API keys")
        .doesNotContain("<button");
    assertThat(pressed.body()).contains("This alert is closed");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
    assertThat(statusesFor(alert.alertId())).as("nothing is SEEN on a closed alert").isEmpty();
  }

  @Test
  void linksSignedWithEitherOfTheTwoCurrentKeysAreHonoured() {
    var alert = emailThenSms();

    var withOldKey =
        get("/ack/" + token(alert, 1, "k1", KEY_1, Instant.now().plusSeconds(60)), "198.51.100.3");
    var withNewKey =
        post("/ack/" + token(alert, 1, "k2", KEY_2, Instant.now().plusSeconds(60)), "198.51.100.3");

    assertThat(withOldKey.statusCode()).isEqualTo(200);
    assertThat(withNewKey.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
  }

  @Test
  void expiredForgedTamperedAndRetiredKeyLinksGetAnErrorPageAndPublishNothing() {
    var alert = emailThenSms();
    var later = Instant.now().plusSeconds(600);
    var good = token(alert, 1, "k1", KEY_1, later);
    var expired = token(alert, 1, "k1", KEY_1, Instant.now().minusSeconds(1));
    var forged = token(alert, 1, "k1", "an-attacker-guessed-this-key-0123456789", later);
    var wrongKeyForId = token(alert, 1, "k2", KEY_1, later);
    var retiredKey = token(alert, 1, "k0", KEY_1, later);
    var sealed = Base64.getUrlDecoder().decode(good.substring("k1.".length()));
    sealed[sealed.length / 2] ^= 0x04;
    var tampered = "k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    var otherContact =
        AckLinks.seal(
            new AckLinks.Claims(alert.alertId(), "someone-else", 1, later),
            "k1",
            KEY_1.getBytes(StandardCharsets.UTF_8));
    var expiredBefore = refusedCount("/ack", "expired");
    var invalidBefore = refusedCount("/ack", "invalid");

    for (var method : List.of("GET", "POST")) {
      assertThat(send(method, expired).statusCode()).isEqualTo(410);
      assertThat(send(method, expired).body())
          .contains("<h1>This link has expired</h1>", "reply to our text message")
          .doesNotContain("not valid", "<button");
      for (var bad : List.of(forged, wrongKeyForId, retiredKey, tampered, "not-a-token", "a.b.c")) {
        var answer = send(method, bad);
        assertThat(answer.statusCode()).as(method + " " + bad).isEqualTo(400);
        assertThat(answer.body())
            .contains("<h1>This link is not valid</h1>", "contact your security team")
            .doesNotContain("expired", "<button");
        assertThat(answer.headers().firstValue("Content-Security-Policy"))
            .contains(AckPages.CONTENT_SECURITY_POLICY);
      }
      var unknown = send(method, otherContact);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("<h1>We could not find this alert</h1>");
    }

    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
    assertThat(statusesFor(alert.alertId())).isEmpty();
    assertThat(refusedCount("/ack", "expired") - expiredBefore).isEqualTo(4);
    assertThat(refusedCount("/ack", "invalid") - invalidBefore).isEqualTo(12);
  }

  private static java.net.http.HttpResponse<String> send(String method, String token) {
    // each refused request from its own address: this test is about tokens, not rate limits
    var client = "203.0.113." + (CLIENTS.incrementAndGet() % 250 + 1);
    return method.equals("GET") ? get("/ack/" + token, client) : post("/ack/" + token, client);
  }

  private AlertOpened emailThenSms() {
    return openAlert(
        "Acme Corp",
        "Leaked API keys",
        List.of(
            new ContactMethod(Channel.EMAIL, "ada@acme.example"),
            new ContactMethod(Channel.SMS, newPhone())));
  }

  private static String token(
      AlertOpened alert, int attempt, String keyId, String key, Instant expiresAt) {
    return AckLinks.seal(
        new AckLinks.Claims(alert.alertId(), alert.brief().contactId(), attempt, expiresAt),
        keyId,
        key.getBytes(StandardCharsets.UTF_8));
  }
}
