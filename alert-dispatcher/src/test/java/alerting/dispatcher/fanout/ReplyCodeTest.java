package alerting.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AlertIds;
import alerting.events.ReplyCodes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyCodeTest {
  static final String ALERT = AlertIds.forRecipient("inc-1", "acme", "ada");
  static final int ANY = ReplyCodes.ANY_SPACE;

  @Test
  void anAlertKeepsTheCodeDerivedFromItsIdWhenThePhoneHasNoOtherAlertWithIt() {
    assertThat(AlertBook.replyCode(ALERT, Set.of("ZZZZ"), ANY))
        .isEqualTo(ReplyCodes.forAlert(ALERT));
  }

  @Test
  void aCodeAlreadyOpenOnTheSamePhoneIsSkippedForAnotherValidCode() {
    for (var space : List.of(ANY, 7)) {
      var taken = new HashSet<String>();
      for (var i = 0; i < 5; i++) {
        var code = AlertBook.replyCode(ALERT, taken, space);
        assertThat(taken).doesNotContain(code);
        assertThat(ReplyCodes.PATTERN.matcher(code).matches()).isTrue();
        if (space != ANY) {
          assertThat(ReplyCodes.spaceOf(code)).as(code).isEqualTo(space);
        }
        taken.add(code);
      }
      assertThat(taken).hasSize(5);
    }
  }

  @Test
  void theChoiceIsDeterministicSoAReplayDerivesTheSameCode() {
    var taken = Set.of(ReplyCodes.forAlert(ALERT, 2));
    assertThat(AlertBook.replyCode(ALERT, taken, 2))
        .isEqualTo(AlertBook.replyCode(ALERT, taken, 2));
  }

  /**
   * Two instances open alerts for one phone at the same moment, each before it has read the other's
   * (a person who is the security contact of two tenants, in a mass incident): neither book knows
   * the other's code. Two alert ids whose derived codes are the same show it: from one space they
   * collide; from the instances' own spaces they cannot.
   */
  @Test
  void twoNumberedInstancesNeverGiveOnePhoneTheSameCodeEvenBeforeSeeingEachOthersAlerts() {
    var byCode = new HashMap<String, String>();
    String first = null;
    String second = null;
    for (var i = 0; second == null; i++) {
      var alertId = AlertIds.forRecipient("inc-1", "tenant-" + i, "shared-consultant");
      var earlier = byCode.putIfAbsent(AlertBook.replyCode(alertId, Set.of(), ANY), alertId);
      if (earlier != null) {
        first = earlier;
        second = alertId;
      }
    }
    assertThat(AlertBook.replyCode(first, Set.of(), ANY))
        .as("without spaces, the two instances pick one code")
        .isEqualTo(AlertBook.replyCode(second, Set.of(), ANY));

    var one = spaceOf("alert-dispatcher-1");
    var two = spaceOf("alert-dispatcher-2");
    assertThat(AlertBook.replyCode(first, Set.of(), one))
        .isNotEqualTo(AlertBook.replyCode(second, Set.of(), two));
    // and whatever either has to skip, it stays in its own space
    for (var n = 0; n < 200; n++) {
      var alertId = AlertIds.forRecipient("inc-2", "tenant-" + n, "shared-consultant");
      var taken = Set.of(ReplyCodes.forAlert(alertId, one));
      assertThat(ReplyCodes.spaceOf(AlertBook.replyCode(alertId, taken, one))).isEqualTo(one);
    }
  }

  @Test
  void anInstanceTakesTheSpaceOfTheNumberItsIdEndsWithAndOneWithoutANumberTakesAny() {
    assertThat(spaceOf("alert-dispatcher-1")).isEqualTo(1);
    assertThat(spaceOf("dispatcher-2")).isEqualTo(2);
    assertThat(spaceOf("alert-dispatcher-0")).as("a StatefulSet's first pod").isZero();
    assertThat(spaceOf("dispatcher-33")).as("numbers wrap around the spaces").isEqualTo(2);
    assertThat(spaceOf("dispatcher-99999999999999999999")).isBetween(0, ReplyCodes.SPACES - 1);
    assertThat(spaceOf("dispatcher-blue")).isEqualTo(ANY);
    assertThat(spaceOf("")).as("one instance, no id").isEqualTo(ANY);
  }

  private static int spaceOf(String instanceId) {
    return new DispatcherSettings.Kafka(
            instanceId, Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(60))
        .replyCodeSpace();
  }
}
