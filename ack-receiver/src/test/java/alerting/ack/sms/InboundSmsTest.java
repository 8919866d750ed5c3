package alerting.ack.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.ack.AckReceiverTestSupport;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryStatus;
import alerting.events.SupportAccessChanged;
import alerting.localinfra.TwilioStandIn;
import alerting.localinfra.WebhookReply;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class InboundSmsTest extends AckReceiverTestSupport {
  private static final String SMS_URL = BASE_URL + "/twilio/sms";

  @Test
  void aReplyWithTheCodeInAnyCaseAcknowledgesThatAlertAndNamesTenantAndIncident(
      CapturedOutput output) {
    var phone = newPhone();
    var leaked = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    var other = emailThenSms(phone, "Globex", "Suspicious logins");
    publishState(leaked, AlertStatus.OPEN, 2);

    var reply =
        twilio.replyToSms(phone, SERVICE_NUMBER, "ack " + leaked.brief().replyCode().toLowerCase());

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("<Message>", "Acknowledged", "Acme Corp", "Leaked API keys");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(leaked.alertId()).size() == 1);
    assertThat(acksFor(leaked.alertId()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.channel()).isEqualTo(Channel.SMS);
              assertThat(ack.attempt())
                  .as("attempt 2 is the one that texted this number")
                  .isEqualTo(2);
              assertThat(ack.evidence().from())
                  .endsWith(phone.substring(phone.length() - 3))
                  .doesNotContain(phone);
              assertThat(ack.evidence().detail())
                  .isEqualTo("ack " + leaked.brief().replyCode().toLowerCase());
              assertThat(ack.contactId()).isEqualTo(leaked.brief().contactId());
              assertThat(ack.correlation()).isEqualTo(Correlation.INCIDENT);
            });
    settle(other.alertId());
    assertThat(acksFor(other.alertId())).isEmpty();
    assertThat(output)
        .doesNotContain(phone)
        .doesNotContain("ack " + leaked.brief().replyCode().toLowerCase());
  }

  @Test
  void anAckOfAConfirmationsAlertNamesTheRequestItConfirms() {
    var phone = newPhone();
    var requestId = "sar-" + UUID.randomUUID();
    var confirmation =
        openAlert(
            "Acme Corp",
            "Confirm: disable Customer Support Access",
            List.of(new ContactMethod(Channel.SMS, phone)),
            null,
            requestId,
            SupportAccessChanged.Action.DISABLE,
            "Lee Admin");

    assertThat(twilio.replyToSms(phone, SERVICE_NUMBER, "YES").body())
        .contains(
            "Confirmed: your confirmation to disable Customer Support Access for Acme Corp is"
                + " recorded. Sign the form with the link we sent you.")
        .doesNotContain("Acknowledged", "escalating");

    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(confirmation.alertId()).size() == 1);
    assertThat(acksFor(confirmation.alertId()))
        .singleElement()
        .satisfies(
            ack -> {
              assertThat(ack.correlation().confirmationOf()).contains(requestId);
              assertThat(ack.contactId()).isEqualTo(confirmation.brief().contactId());
            });
  }

  @Test
  void aBareAckAcknowledgesTheOnlyOpenAlertOfTheNumber() {
    var phone = newPhone();
    var settled = emailThenSms(phone, "Acme Corp", "Old incident");
    publishState(settled, AlertStatus.ACKNOWLEDGED, 2);
    var open = emailThenSms(phone, "Acme Corp", "Leaked API keys");

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, "YES");

    assertThat(reply.body()).contains("Acknowledged", "Leaked API keys");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(open.alertId()).size() == 1);
    settle(settled.alertId());
    assertThat(acksFor(settled.alertId())).isEmpty();
  }

  @Test
  void aBareAckWithTwoOpenAlertsIsAnsweredWithTheirCodesAndAcknowledgesNeither() {
    var phone = newPhone();
    var first = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    var second = emailThenSms(phone, "Globex", "Suspicious logins");

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, "ACK");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .contains(
            "2 open alerts",
            first.brief().replyCode(),
            "Acme Corp",
            "Leaked API keys",
            second.brief().replyCode(),
            "Globex",
            "Suspicious logins");
    settle(first.alertId());
    settle(second.alertId());
    assertThat(acksFor(first.alertId())).isEmpty();
    assertThat(acksFor(second.alertId())).isEmpty();
  }

  @Test
  void aCodeThatTwoOpenAlertsShareAcknowledgesNeither() {
    var phone = newPhone();
    var methods =
        List.of(
            new ContactMethod(Channel.EMAIL, "ada@acme.example"),
            new ContactMethod(Channel.SMS, phone));
    var first = openAlert("Acme Corp", "Leaked API keys", methods, "K7QD");
    var second = openAlert("Globex", "Suspicious logins", methods, "K7QD");

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, "ACK K7QD");

    assertThat(reply.body()).contains("2 open alerts", "Acme Corp", "Globex", "link");
    settle(first.alertId());
    settle(second.alertId());
    assertThat(acksFor(first.alertId())).isEmpty();
    assertThat(acksFor(second.alertId())).isEmpty();
  }

  @Test
  void anUnknownCodeOrUnreadableReplyIsAnsweredWithTheOpenCodes(CapturedOutput output) {
    var phone = newPhone();
    var open = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    var unknownCode = open.brief().replyCode().equals("ZZZZ") ? "YYYY" : "ZZZZ";

    var wrongCode = twilio.replyToSms(phone, SERVICE_NUMBER, unknownCode);
    var gibberish = twilio.replyToSms(phone, SERVICE_NUMBER, "who is this? my pin is 98765");

    assertThat(wrongCode.body())
        .contains("matches no alert", open.brief().replyCode(), "Acme Corp", "Leaked API keys");
    assertThat(gibberish.body()).contains(open.brief().replyCode(), "Acme Corp");
    settle(open.alertId());
    assertThat(acksFor(open.alertId())).isEmpty();
    assertThat(output).doesNotContain("98765");
  }

  @Test
  void aTextNeverAcknowledgesAnAlertThatOnlyCallsTheNumberAndSaysToAnswerTheCall() {
    var phone = newPhone();
    var confirmation =
        openAlert(
            "Acme Corp",
            "Confirm: re-enable Customer Support Access for Acme Corp",
            List.of(new ContactMethod(Channel.VOICE, phone)),
            "R3EN");

    var byCode = twilio.replyToSms(phone, SERVICE_NUMBER, "ACK R3EN");
    var bare = twilio.replyToSms(phone, SERVICE_NUMBER, "YES");

    assertThat(byCode.body())
        .contains("Not acknowledged", "Acme Corp", "only be acknowledged by phone", "press 1")
        .doesNotContain("Acknowledged:");
    assertThat(bare.body()).contains("Not acknowledged", "only be acknowledged by phone");
    settle(confirmation.alertId());
    assertThat(acksFor(confirmation.alertId())).isEmpty();
  }

  @Test
  void aBareAckAcknowledgesTheTextedAlertNotOneThatOnlyCalls() {
    var phone = newPhone();
    var called =
        openAlert(
            "Acme Corp",
            "Confirm: re-enable Customer Support Access for Acme Corp",
            List.of(new ContactMethod(Channel.VOICE, phone)),
            "R3EN");
    var texted = emailThenSms(phone, "Globex", "Leaked API keys");

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, "ACK");

    assertThat(reply.body()).contains("Acknowledged", "Leaked API keys");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(texted.alertId()).size() == 1);
    settle(called.alertId());
    assertThat(acksFor(called.alertId())).isEmpty();
  }

  @Test
  void aRepliedCodeOfAnAlreadyAcknowledgedAlertIsAnsweredButNotRecordedAgain() {
    var phone = newPhone();
    var alert = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    publishState(alert, AlertStatus.ACKNOWLEDGED, 2);

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, alert.brief().replyCode());

    assertThat(reply.body()).contains("Already acknowledged", "Leaked API keys");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
  }

  @Test
  void aRepeatedWebhookIsAnsweredAgainButAcknowledgesOnce() {
    var phone = newPhone();
    var alert = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    var params =
        inboundSms(
            phone, alert.brief().replyCode(), "SM" + UUID.randomUUID().toString().replace("-", ""));

    var first = twilio.postWebhook(SMS_URL, params);
    var repeated = twilio.postWebhook(SMS_URL, params);

    assertThat(first.status()).isEqualTo(200);
    assertThat(repeated.status()).isEqualTo(200);
    assertThat(repeated.body()).isEqualTo(first.body()).contains("Acknowledged");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).hasSize(1);
  }

  @Test
  void duringTokenRotationBothAuthTokensAreAcceptedAndNothingElse() {
    var phone = newPhone();
    var alert = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    var code = alert.brief().replyCode();
    var forgedBefore = refusedCount("/twilio/sms", "bad-signature");
    var unsignedBefore = refusedCount("/twilio/sms", "unsigned");

    var forged = twilio.replyToSms(phone, SERVICE_NUMBER, code, "c2lnbmF0dXJl");
    var otherAccount = smsTo(SMS_URL, phone, code, "another-accounts-token");
    // signed over the address this request reached (127.0.0.1), not the configured public URL
    var hostBased = smsTo("http://127.0.0.1:" + PORT + "/twilio/sms", phone, code, PRIMARY_TOKEN);
    var unsigned = twilio.postWebhook(SMS_URL, inboundSms(phone, code, "SMunsigned"), "");
    assertThat(
            List.of(forged.status(), otherAccount.status(), hostBased.status(), unsigned.status()))
        .containsOnly(403);
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).as("refused requests publish nothing").isEmpty();
    assertThat(refusedCount("/twilio/sms", "bad-signature") - forgedBefore).isEqualTo(3);
    assertThat(refusedCount("/twilio/sms", "unsigned") - unsignedBefore).isEqualTo(1);

    var withSecondary = smsTo(SMS_URL, phone, code, SECONDARY_TOKEN);

    assertThat(withSecondary.status()).isEqualTo(200);
    assertThat(withSecondary.body()).contains("Acknowledged");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
  }

  @Test
  void stopReportsEveryAttemptWaitingOnAnSmsToThatNumberAsAPermanentFailure() {
    var phone = newPhone();
    var textedNow = emailThenSms(phone, "Acme Corp", "Leaked API keys");
    publishState(textedNow, AlertStatus.OPEN, 2);
    var emailedNow = emailThenSms(phone, "Globex", "Suspicious logins");

    var reply = twilio.replyToSms(phone, SERVICE_NUMBER, "Stop");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("unsubscribed", "START");
    await().atMost(Duration.ofSeconds(10)).until(() -> !statusesFor(textedNow.alertId()).isEmpty());
    assertThat(statusesFor(textedNow.alertId()))
        .singleElement()
        .satisfies(
            failed -> {
              assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
              assertThat(failed.attempt()).isEqualTo(2);
              assertThat(failed.channel()).isEqualTo(Channel.SMS);
              assertThat(failed.reason()).contains("opted out");
            });
    settle(emailedNow.alertId());
    assertThat(statusesFor(emailedNow.alertId()))
        .as("the email attempt still waits for its deadline")
        .isEmpty();
    assertThat(acksFor(textedNow.alertId())).isEmpty();
  }

  @Test
  void helpAndStartAreAnsweredTheWayCarriersExpect() {
    var phone = newPhone();
    var alert = emailThenSms(phone, "Acme Corp", "Leaked API keys");

    var help = twilio.replyToSms(phone, SERVICE_NUMBER, "help");
    var start = twilio.replyToSms(phone, SERVICE_NUMBER, "START");

    assertThat(help.body()).contains("Security alerts", "STOP", "your security administrator");
    assertThat(start.body()).contains("subscribed again");
    settle(alert.alertId());
    assertThat(acksFor(alert.alertId())).isEmpty();
    assertThat(statusesFor(alert.alertId())).isEmpty();
  }

  @Test
  void repliesFromOneNumberBeyondItsBudgetAreRefusedWith429() {
    var phone = newPhone();
    var before = refusedCount("/twilio/sms", "rate-limited-phone");

    var answers =
        IntStream.range(0, 11)
            .mapToObj(i -> twilio.replyToSms(phone, SERVICE_NUMBER, "hello " + i).status())
            .toList();

    assertThat(answers.subList(0, 10)).containsOnly(200);
    assertThat(answers.get(10)).isEqualTo(429);
    assertThat(refusedCount("/twilio/sms", "rate-limited-phone") - before).isEqualTo(1);
    assertThat(twilio.replyToSms(newPhone(), SERVICE_NUMBER, "hello").status())
        .as("another number has its own budget")
        .isEqualTo(200);
  }

  private AlertOpened emailThenSms(String phone, String tenant, String title) {
    return openAlert(
        tenant,
        title,
        List.of(
            new ContactMethod(Channel.EMAIL, "ada@acme.example"),
            new ContactMethod(Channel.SMS, phone)));
  }

  /** An inbound SMS signed with {@code token} over {@code signedUrl}, posted to the service. */
  private static WebhookReply smsTo(String signedUrl, String phone, String body, String token) {
    var params = inboundSms(phone, body, "SM" + UUID.randomUUID().toString().replace("-", ""));
    return twilio.postWebhook(SMS_URL, params, TwilioStandIn.signatureOf(token, signedUrl, params));
  }
}
