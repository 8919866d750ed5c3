package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyCodesTest {

  @Test
  void aReplyCodeIsFourUnambiguousCharactersAndStableForAnAlert() {
    var alertId = AlertIds.forRecipient("inc-1", "acme", "c-1");
    assertThat(ReplyCodes.forAlert(alertId))
        .matches("[A-HJ-NP-Z2-9]{4}")
        .isEqualTo(ReplyCodes.forAlert(alertId));
    assertThat(ReplyCodes.PATTERN.matcher(ReplyCodes.forAlert(alertId)).matches()).isTrue();
    assertThat(ReplyCodes.PATTERN.matcher("STOP").matches()).isFalse();
    assertThat(ReplyCodes.PATTERN.matcher("HELP").matches()).isFalse();
  }

  @Test
  void aCodeFromASpaceStartsWithTheSpacesCharacterAndIsStillAValidCode() {
    var alertId = AlertIds.forRecipient("inc-1", "acme", "c-1");
    for (var space = 0; space < ReplyCodes.SPACES; space++) {
      var code = ReplyCodes.forAlert(alertId, space);
      assertThat(ReplyCodes.PATTERN.matcher(code).matches()).as(code).isTrue();
      assertThat(ReplyCodes.spaceOf(code)).isEqualTo(space);
      assertThat(code.substring(1)).isEqualTo(ReplyCodes.forAlert(alertId).substring(1));
    }
  }
}
