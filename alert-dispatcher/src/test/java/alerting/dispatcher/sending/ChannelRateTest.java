package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelRateTest {

  @Test
  void aThrottleCutsTheRateByAQuarterOnceForCallsThrottledTogetherAndPausesForRetryAfter()
      throws Exception {
    var rate = new ChannelRate(40);

    rate.throttled(Duration.ofMillis(600));
    rate.throttled(Duration.ofMillis(600));
    rate.throttled(null);

    assertThat(rate.current()).as("three calls throttled at once cut it once").isEqualTo(30);
    var started = System.nanoTime();
    rate.acquire();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(550));
  }

  @Test
  void climbsBackToTheConfiguredRateWhileSendsSucceedAndNeverAbove() {
    var rate = new ChannelRate(40);
    rate.throttled(null);
    assertThat(rate.current()).isEqualTo(30);

    rate.succeeded();
    assertThat(rate.current()).as("not within the second of the throttle").isEqualTo(30);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              rate.succeeded();
              return rate.current() == 40;
            });
  }

  @Test
  void repeatedThrottlesSlowTheChannelDownToTheFloorButNotBelow() {
    var rate = new ChannelRate(4);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              rate.throttled(null);
              return rate.current() == ChannelRate.FLOOR;
            });
  }

  @Test
  void anUnlimitedChannelIsNeverPacedOrPaused() throws Exception {
    var rate = new ChannelRate(0);
    rate.throttled(Duration.ofSeconds(30));
    var started = System.nanoTime();
    for (var i = 0; i < 10_000; i++) {
      rate.acquire();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(rate.current()).isZero();
  }
}
