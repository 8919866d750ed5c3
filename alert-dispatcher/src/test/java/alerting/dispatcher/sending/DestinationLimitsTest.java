package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DestinationLimitsTest {
  private final DestinationLimits limits = new DestinationLimits(settings(Map.of()));

  @Test
  void aNumberGetsSixTextsAMinuteAndTheNextOnesBookSlotsAMinuteAfterTheEarlierOnes() {
    for (var i = 0; i < 6; i++) {
      assertThat(limits.book(Channel.SMS, "+14155550100").waitFor()).as("text %d", i + 1).isZero();
    }

    var seventh = limits.book(Channel.SMS, "+14155550100").waitFor();
    var eighth = limits.book(Channel.SMS, "+14155550100").waitFor();

    assertThat(seventh).isBetween(Duration.ofSeconds(59), Duration.ofMinutes(1));
    assertThat(eighth).isBetween(Duration.ofSeconds(59), Duration.ofMinutes(1));
    for (var i = 0; i < 6; i++) {
      limits.book(Channel.SMS, "+14155550100");
    }
    assertThat(limits.book(Channel.SMS, "+14155550100").waitFor())
        .as("the fifteenth: two windows later")
        .isBetween(Duration.ofSeconds(119), Duration.ofMinutes(2));
  }

  @Test
  void destinationsAndChannelsAreCountedApartAndAddressesIgnoreCase() {
    for (var i = 0; i < 6; i++) {
      limits.book(Channel.SMS, "+14155550101");
    }
    assertThat(limits.book(Channel.VOICE, "+14155550101").waitFor())
        .as("calls count apart from texts")
        .isZero();
    assertThat(limits.book(Channel.SMS, "+14155550102").waitFor()).as("another number").isZero();
    for (var i = 0; i < 30; i++) {
      limits.book(Channel.EMAIL, "Ada@Example.com");
    }
    assertThat(limits.book(Channel.EMAIL, "ada@example.com ").waitFor()).isPositive();
  }

  @Test
  void aSendThatFailedGivesItsSlotBackSoAFailingProviderUsesNothingUp() {
    for (var i = 0; i < 5; i++) {
      limits.book(Channel.SMS, "+14155550104");
    }
    var sixth = limits.book(Channel.SMS, "+14155550104");
    sixth.cancel();

    assertThat(limits.book(Channel.SMS, "+14155550104").waitFor())
        .as("the sixth's slot, given back")
        .isZero();
    assertThat(limits.book(Channel.SMS, "+14155550104").waitFor()).isPositive();
  }

  @Test
  void aLimitOfZeroNeverHoldsASendBack() {
    var unlimited =
        new DestinationLimits(
            settings(Map.of("alerting.dispatcher.senders.sms-per-destination", "0")));
    for (var i = 0; i < 100; i++) {
      assertThat(unlimited.book(Channel.SMS, "+14155550103").waitFor()).isZero();
    }
  }

  static DispatcherSettings settings(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("alerting.dispatcher", DispatcherSettings.class);
  }
}
