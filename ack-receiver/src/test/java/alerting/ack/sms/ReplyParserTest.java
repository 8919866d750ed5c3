package alerting.ack.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"K7QD", "k7qd", " ack K7QD ", "ACK: k7qd", "Ack-K7QD.", "ACKK7QD"})
  void aReplyWithTheCodeInAnyCaseWithOrWithoutAckNamesTheCode(String body) {
    assertThat(ReplyParser.replyCode(body)).contains("K7QD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes please", "K7QDX", "stop"})
  void anythingElseNamesNoCode(String body) {
    assertThat(ReplyParser.replyCode(body)).isEmpty();
  }

  @Test
  void phoneNumbersInEvidenceKeepOnlyTheirLastThreeDigits() {
    assertThat(PhoneMask.mask("+14155550100")).isEqualTo("+1*******100");
  }
}
