package alerting.ack.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.ack.AckReceiverTestSupport;
import alerting.ack.openalerts.OpenAlerts;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.localinfra.FreePorts;
import alerting.localinfra.TwilioStandIn;
import alerting.localinfra.WebhookReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A captured bare "ACK" would acknowledge whatever alert is open for the number when it is sent
 * again: it is refused by every instance, and after a restart, for the replay window.
 */
class ReplayedSmsWebhookTest extends AckReceiverTestSupport {
  private static final String SMS_URL = BASE_URL + "/twilio/sms";

  @Test
  void aBareAckAcceptedByOneInstanceIsRefusedAsAReplayByAnotherAndAfterARestart() {
    var phone = newPhone();
    var first = smsAlert(phone, "Leaked API keys");
    var captured = inboundSms(phone, "ACK", "SM" + UUID.randomUUID().toString().replace("-", ""));
    var signature = TwilioStandIn.signatureOf(PRIMARY_TOKEN, SMS_URL, captured);

    var accepted = twilio.postWebhook(SMS_URL, captured, signature);
    assertThat(accepted.body()).contains("Acknowledged", "Leaked API keys");
    await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(first.alertId()).size() == 1);
    publishState(first, AlertStatus.ACKNOWLEDGED, 1);
    var next = smsAlert(phone, "Suspicious logins");

    var port = FreePorts.next();
    try (var other = startInstance(port, Map.of())) {
      awaitKnows(other, next);
      var replayed = replay(port, captured, signature);
      assertThat(replayed.status()).isEqualTo(200);
      assertThat(replayed.body()).as("the first answer again").isEqualTo(accepted.body());
    }
    try (var restarted = startInstance(port, Map.of())) {
      awaitKnows(restarted, next);
      assertThat(replay(port, captured, signature).body()).isEqualTo(accepted.body());
    }

    settle(next.alertId());
    assertThat(acksFor(next.alertId())).as("the replays acknowledged nothing").isEmpty();
    assertThat(acksFor(first.alertId())).hasSize(1);
  }

  @Test
  void aNewReplyFromTheSameNumberIsStillHeardByTheOtherInstance() {
    var phone = newPhone();
    var alert = smsAlert(phone, "Leaked API keys");
    var port = FreePorts.next();
    try (var other = startInstance(port, Map.of())) {
      awaitKnows(other, alert);
      var reply = inboundSms(phone, "ACK", "SM" + UUID.randomUUID().toString().replace("-", ""));

      var answer = replay(port, reply, TwilioStandIn.signatureOf(PRIMARY_TOKEN, SMS_URL, reply));

      assertThat(answer.body()).contains("Acknowledged", "Leaked API keys");
      await().atMost(Duration.ofSeconds(10)).until(() -> acksFor(alert.alertId()).size() == 1);
    }
  }

  private AlertOpened smsAlert(String phone, String title) {
    return openAlert("Acme Corp", title, List.of(new ContactMethod(Channel.SMS, phone)));
  }

  private static void awaitKnows(ConfigurableApplicationContext instance, AlertOpened alert) {
    var alerts = instance.getBean(OpenAlerts.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> alerts.isOpen(alert.alertId()));
  }

  /** Sent to the instance's own port, signed for the public URL the balancer shares. */
  private static WebhookReply replay(int port, Map<String, String> params, String signature) {
    return twilio.postWebhook("http://localhost:" + port + "/twilio/sms", params, signature);
  }
}
