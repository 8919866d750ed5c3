package alerting.ack.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReplyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"K7QD", "k7qd", " ack K7QD ", "ACK: k7qd", "Ack-K7QD.", "ACKK7QD", "yes k7qd"})
  void aReplyWithTheCodeInAnyCaseWithOrWithoutAckNamesTheCode(String body) {
    assertThat(SmsReply.parse(body)).isEqualTo(new SmsReply.Code("K7QD"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACK", "ack", "Yes", "YES!", " ack. "})
  void aBareAckOrYesNamesNoAlert(String body) {
    assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.BareAck.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stop",
        "Stop.",
        "STOPALL",
        "stop all",
        "UNSUBSCRIBE",
        "cancel",
        "END",
        "quit",
        "optout",
        "opt out",
        "revoke"
      })
  void theCarriersOptOutKeywordsOptOutInAnyCase(String body) {
    assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.OptOut.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "help", "INFO"})
  void helpAndInfoAskForHelp(String body) {
    assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.Help.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "unstop"})
  void startAndUnstopOptBackIn(String body) {
    assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.OptIn.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes please", "K7QDX", "stop it now", "call me", "K0QD"})
  void anythingElseIsUnclear(String body) {
    assertThat(SmsReply.parse(body)).isInstanceOf(SmsReply.Unclear.class);
  }
}
