package alerting.ack.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.ack.AckReceiverTestSupport;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.localinfra.PlacedCall;
import alerting.localinfra.SentSms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusCallbackTest extends AckReceiverTestSupport {

  @Test
  void messageStatusesBecomeDeliveryStatusReportsAndProgressIsNotReported() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var sms = sentSms(alert, phone, 1);

    var queued = twilio.reportMessageStatus(sms, "queued", null);
    var delivered = twilio.reportMessageStatus(sms, "delivered", null);
    var undelivered = twilio.reportMessageStatus(sentSms(alert, phone, 3), "undelivered", "30003");

    assertThat(List.of(queued.status(), delivered.status(), undelivered.status()))
        .containsOnly(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusesFor(alert.alertId()).size() == 2);
    settle(alert.alertId());
    assertThat(statusesFor(alert.alertId()))
        .extracting(
            DeliveryStatusReported::attempt,
            DeliveryStatusReported::channel,
            DeliveryStatusReported::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Channel.SMS, DeliveryStatus.DELIVERED),
            org.assertj.core.groups.Tuple.tuple(3, Channel.SMS, DeliveryStatus.UNDELIVERED));
    assertThat(statusesFor(alert.alertId()).get(1).reason()).contains("30003");
    assertThat(statusesFor(alert.alertId()).get(0).providerRef()).isEqualTo(sms.sid());
    assertThat(statusesFor(alert.alertId()).get(0).deliveryId()).isEqualTo(alert.alertId() + ":1");
  }

  @Test
  void callStatusesBecomeDeliveryStatusReports() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);

    twilio.reportCallStatus(call(alert, phone, 2), "busy", null);
    twilio.reportCallStatus(call(alert, phone, 4), "no-answer", null);
    twilio.reportCallStatus(call(alert, phone, 2), "completed", "human");
    twilio.reportCallStatus(call(alert, phone, 4), "completed", "machine_start");
    twilio.reportCallStatus(call(alert, phone, 2), "failed", null);
    twilio.reportCallStatus(call(alert, phone, 2), "ringing", null);

    await().atMost(Duration.ofSeconds(10)).until(() -> statusesFor(alert.alertId()).size() == 5);
    settle(alert.alertId());
    assertThat(statusesFor(alert.alertId()))
        .extracting(DeliveryStatusReported::status)
        .containsExactly(
            DeliveryStatus.BUSY,
            DeliveryStatus.NO_ANSWER,
            DeliveryStatus.DELIVERED,
            DeliveryStatus.MACHINE_ANSWERED,
            DeliveryStatus.FAILED);
    assertThat(statusesFor(alert.alertId()))
        .extracting(DeliveryStatusReported::channel)
        .containsOnly(Channel.VOICE);
  }

  @Test
  void aRepeatedCallbackIsReportedOnceAndForgedOrIncompleteOnesAreRefused() {
    var phone = newPhone();
    var alert = smsThenVoice(phone);
    var sms = sentSms(alert, phone, 1);
    var forgedBefore = refusedCount("/twilio/status", "bad-signature");

    var first = twilio.reportMessageStatus(sms, "failed", "30006");
    var repeated = twilio.reportMessageStatus(sms, "failed", "30006");
    var forged =
        twilio.postWebhook(
            sms.statusCallback(),
            Map.of("MessageSid", sms.sid(), "MessageStatus", "failed"),
            "Zm9yZ2Vk");
    var withoutAlert =
        twilio.postWebhook(
            BASE_URL + "/twilio/status?channel=SMS",
            Map.of("MessageSid", sms.sid(), "MessageStatus", "failed"));

    assertThat(first.status()).isEqualTo(204);
    assertThat(repeated.status()).isEqualTo(204);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(withoutAlert.status()).isEqualTo(400);
    settle(alert.alertId());
    assertThat(statusesFor(alert.alertId()))
        .singleElement()
        .extracting(DeliveryStatusReported::status)
        .isEqualTo(DeliveryStatus.FAILED);
    assertThat(refusedCount("/twilio/status", "bad-signature") - forgedBefore).isEqualTo(1);
  }

  private AlertOpened smsThenVoice(String phone) {
    return openAlert(
        "Acme Corp",
        "Leaked API keys",
        List.of(new ContactMethod(Channel.SMS, phone), new ContactMethod(Channel.VOICE, phone)));
  }

  private static SentSms sentSms(AlertOpened alert, String phone, int attempt) {
    return new SentSms(
        "SM" + UUID.randomUUID().toString().replace("-", ""),
        twilio.accountSid(),
        phone,
        SERVICE_NUMBER,
        null,
        "SECURITY ALERT",
        callback(alert, attempt, "SMS"),
        Instant.now());
  }

  private static PlacedCall call(AlertOpened alert, String phone, int attempt) {
    return new PlacedCall(
        "CA" + UUID.randomUUID().toString().replace("-", ""),
        twilio.accountSid(),
        phone,
        SERVICE_NUMBER,
        BASE_URL + "/twilio/voice?alertId=" + alert.alertId() + "&attempt=" + attempt,
        null,
        callback(alert, attempt, "VOICE"),
        "Enable",
        Instant.now());
  }

  private static String callback(AlertOpened alert, int attempt, String channel) {
    return BASE_URL
        + "/twilio/status?alertId="
        + alert.alertId()
        + "&attempt="
        + attempt
        + "&channel="
        + channel;
  }
}
