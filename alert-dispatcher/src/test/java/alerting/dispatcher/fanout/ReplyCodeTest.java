package alerting.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertIds;
import alerting.events.ReplyCodes;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyCodeTest {
  static final String ALERT = AlertIds.forRecipient("inc-1", "acme", "ada");

  @Test
  void anAlertKeepsTheCodeDerivedFromItsIdWhenThePhoneHasNoOtherAlertWithIt() {
    assertThat(AlertBook.replyCode(ALERT, Set.of("ZZZZ"))).isEqualTo(ReplyCodes.forAlert(ALERT));
  }

  @Test
  void aCodeAlreadyOpenOnTheSamePhoneIsSkippedForAnotherValidCode() {
    var taken = new HashSet<String>();
    for (var i = 0; i < 5; i++) {
      var code = AlertBook.replyCode(ALERT, taken);
      assertThat(taken).doesNotContain(code);
      assertThat(ReplyCodes.PATTERN.matcher(code).matches()).isTrue();
      taken.add(code);
    }
    assertThat(taken).hasSize(5);
  }

  @Test
  void theChoiceIsDeterministicSoAReplayDerivesTheSameCode() {
    var taken = Set.of(ReplyCodes.forAlert(ALERT));
    assertThat(AlertBook.replyCode(ALERT, taken)).isEqualTo(AlertBook.replyCode(ALERT, taken));
  }
}
