package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertIdsTest {

  @Test
  void theSameRecipientOfTheSameIncidentAlwaysGetsTheSameAlertId() {
    assertThat(AlertIds.forRecipient("inc-1", "acme", "c-1"))
        .isEqualTo(AlertIds.forRecipient("inc-1", "acme", "c-1"))
        .isNotEqualTo(AlertIds.forRecipient("inc-1", "acme", "c-2"))
        .isNotEqualTo(AlertIds.forRecipient("inc-2", "acme", "c-1"));
  }

  @Test
  void methodsAreWalkedInOrderRoundAfterRound() {
    var opened =
        EventJsonTest.everyEventType()
            .filter(AlertOpened.class::isInstance)
            .map(AlertOpened.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(opened.methodFor(1).channel()).isEqualTo(Channel.EMAIL);
    assertThat(opened.methodFor(2).channel()).isEqualTo(Channel.SMS);
    assertThat(opened.methodFor(3).channel()).isEqualTo(Channel.EMAIL);
    assertThat(opened.lastAttempt()).isEqualTo(4);
  }
}
