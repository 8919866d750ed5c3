package alerting.ack.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.ack.AckReceiverTestSupport;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import alerting.events.SupportAccessChanged;
import alerting.localinfra.PlacedCall;
import alerting.testsupport.IncidentWords;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VoiceCallTest extends AckReceiverTestSupport {

  @Test
  void aPersonHearsTenantAndIncidentAndPressingOneAcknowledgesOnce() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    publishState(alert, AlertStatus.OPEN, 2);
    var call = placedCall(alert, phone, 2);

    var prompt = twilio.answerCall(call, "human");

    assertThat(prompt.status()).isEqualTo(200);
    assertThat(prompt.body())
        .contains("<Gather", "numDigits=\"1\"", "Acme Corp", "Leaked API keys", "press 1");
    var pressed = twilio.pressDigits(call, prompt, "1");
    var pressedAgain = twilio.pressDigits(call, prompt, "1");

    assertThat(pressed.body()).contains("acknowledged", "Acme Corp", "Leaked API keys", "<Hangup");
    assertThat(pressedAgain.body()).isEqualTo(pressed.body());
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.channel()).isEqualTo(Channel.VOICE);
              assertThat(ack.attempt()).isEqualTo(2);
              assertThat(ack.evidence().detail()).isEqualTo("pressed 1");
              assertThat(ack.evidence().from())
                  .doesNotContain(phone)
                  .endsWith(phone.substring(phone.length() - 3));
            });
  }

  @Test
  void aConfirmationCallSaysWhoAskedWhatInItsOwnWordsAndPressingOneRecordsTheConfirmation() {
    var phone = newPhone();
    var requestId = "sar-" + UUID.randomUUID();
    var alert = disableConfirmation(phone, requestId);
    var call = placedCall(alert, phone, 1);

    var prompt = twilio.answerCall(call, "human");
    var pressed = twilio.pressDigits(call, prompt, "1");

    assertThat(prompt.body())
        .contains(
            "<Gather",
            "This is not a security incident.",
            "Lee Admin asked to disable Customer Support Access",
            "press 1 to confirm");
    IncidentWords.assertNone("prompt", prompt.body());
    assertThat(pressed.body())
        .contains("Your confirmation is recorded.", "sign the acknowledgment form", "<Hangup");
    IncidentWords.assertNone("after the keypress", pressed.body());
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
    assertThat(acksFor(alert.alertId()))
        .singleElement()
        .satisfies(ack -> assertThat(ack.correlation().confirmationOf()).contains(requestId));
  }

  @Test
  void aConfirmationCallWithoutAKeypressEndsSayingNothingChanges() {
    var phone = newPhone();
    var alert = disableConfirmation(phone, "sar-" + UUID.randomUUID());
    var call = placedCall(alert, phone, 1);

    var prompt = twilio.answerCall(call, "human");
    var repeated = twilio.pressDigits(call, prompt, "");
    var end = twilio.pressDigits(call, repeated, "");

    assertThat(repeated.body()).contains("Again: this is the security alerting service");
    assertThat(end.body())
        .contains("Nothing changes unless the request is confirmed", "<Hangup")
        .doesNotContain("<Gather");
    IncidentWords.assertNone("end", end.body());
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
  }

  @Test
  void anyOtherKeyRepeatsThePromptOnceThenHangsUpWithoutAcknowledging() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var call = placedCall(alert, phone, 2);

    var prompt = twilio.answerCall(call, "human");
    var repeated = twilio.pressDigits(call, prompt, "7");
    var end = twilio.pressDigits(call, repeated, "");

    assertThat(repeated.body()).contains("<Gather", "Again", "Leaked API keys", "press 1");
    assertThat(end.body()).contains("did not receive", "<Hangup").doesNotContain("<Gather");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
  }

  @Test
  void anAnsweringMachineHearsAShortMessageIsReportedAndNeverAcknowledges() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var call = placedCall(alert, phone, 2);

    var voicemail = twilio.answerCall(call, "machine_end_beep");

    assertThat(voicemail.status()).isEqualTo(200);
    assertThat(voicemail.body())
        .contains("<Say", "Acme Corp", "<Hangup")
        .doesNotContain("<Gather")
        .doesNotContain("Leaked API keys");
    await().atMost(Duration.ofSeconds(10)).until(() -> !statusesFor(alert.alertId()).isEmpty());
    settle(alert.alertId());
    assertThat(statusesFor(alert.alertId()))
        .singleElement()
        .satisfies(
            status -> {
              assertThat(status.status()).isEqualTo(DeliveryStatus.MACHINE_ANSWERED);
              assertThat(status.attempt()).isEqualTo(2);
              assertThat(status.channel()).isEqualTo(Channel.VOICE);
              assertThat(status.providerRef()).isEqualTo(call.sid());
            });
    assertThat(acksFor(alert.alertId())).isEmpty();
  }

  @Test
  void forgedKeypressesAreRefusedAndAcknowledgeNothing() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var call = placedCall(alert, phone, 2);
    var prompt = twilio.answerCall(call, "human");
    var before = refusedCount("/twilio/voice/gather", "bad-signature");

    var forged =
        twilio.postWebhook(
            BASE_URL + "/twilio/voice/gather?alertId=" + alert.alertId() + "&attempt=2&round=1",
            java.util.Map.of("CallSid", call.sid(), "To", phone, "Digits", "1"),
            "Zm9yZ2Vk");

    assertThat(prompt.status()).isEqualTo(200);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).doesNotContain("acknowledged");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
    assertThat(refusedCount("/twilio/voice/gather", "bad-signature") - before).isEqualTo(1);
  }

  @Test
  void onTheStandInsPhonePageAPersonAnswersACallAcknowledgesWithAKeyAndTheCallIsReported()
      throws Exception {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var query = "?alertId=" + alert.alertId() + "&attempt=2";
    // placed through Twilio's REST API, as the dispatcher places it
    var placed =
        form(
            twilio.baseUrl() + "/2010-04-01/Accounts/" + twilio.accountSid() + "/Calls.json",
            "To="
                + enc(phone)
                + "&From="
                + enc(SERVICE_NUMBER)
                + "&Url="
                + enc(BASE_URL + "/twilio/voice" + query)
                + "&StatusCallback="
                + enc(BASE_URL + "/twilio/status" + query + "&channel=VOICE")
                + "&MachineDetection=Enable");
    assertThat(placed.statusCode()).isEqualTo(201);
    var call = twilio.calls().stream().filter(c -> c.to().equals(phone)).findFirst().orElseThrow();

    var answered = form(twilio.baseUrl() + "/call", "sid=" + call.sid() + "&answeredBy=human");
    assertThat(answered.body()).contains("Leaked API keys", "press 1", "Send key");
    // what a browser submits: the hidden field holding the TwiML being played
    var hidden =
        java.util.regex.Pattern.compile("name=\"twiml\" value=\"([^\"]*)\"")
            .matcher(answered.body());
    assertThat(hidden.find()).isTrue();
    var twiml = org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(1));
    var pressed =
        form(twilio.baseUrl() + "/call", "sid=" + call.sid() + "&digits=1&twiml=" + enc(twiml));

    assertThat(pressed.body()).contains("acknowledged");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);

    var hungUp = form(twilio.baseUrl() + "/status", "sid=" + call.sid() + "&status=completed");
    assertThat(hungUp.body()).contains("HTTP 204");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                statusesFor(alert.alertId()).stream()
                    .anyMatch(
                        s ->
                            s.status() == DeliveryStatus.DELIVERED
                                && s.attempt() == 2
                                && s.channel() == Channel.VOICE));
  }

  private static HttpResponse<String> form(String url, String body) throws Exception {
    var auth =
        Base64.getEncoder()
            .encodeToString(
                (twilio.accountSid() + ":" + PRIMARY_TOKEN).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Basic " + auth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private AlertOpened smsThenVoice(String phone) {
    return openAlert(
        "Acme Corp",
        "Leaked API keys",
        List.of(new ContactMethod(Channel.SMS, phone), new ContactMethod(Channel.VOICE, phone)));
  }

  private AlertOpened disableConfirmation(String phone, String requestId) {
    return openAlert(
        "Acme Corp",
        "Confirm: disable Customer Support Access for Acme Corp",
        List.of(new ContactMethod(Channel.VOICE, phone)),
        null,
        requestId,
        SupportAccessChanged.Action.DISABLE,
        "Lee Admin");
  }

  /** The call as the dispatcher places it: Url and StatusCallback name the alert and attempt. */
  private static PlacedCall placedCall(AlertOpened alert, String phone, int attempt) {
    var query = "?alertId=" + alert.alertId() + "&attempt=" + attempt;
    return new PlacedCall(
        "CA" + UUID.randomUUID().toString().replace("-", ""),
        twilio.accountSid(),
        phone,
        SERVICE_NUMBER,
        BASE_URL + "/twilio/voice" + query,
        null,
        BASE_URL + "/twilio/status" + query + "&channel=VOICE",
        "Enable",
        Instant.now());
  }
}
