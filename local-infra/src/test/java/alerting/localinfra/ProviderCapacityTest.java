package alerting.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderCapacityTest {
  @Test
  void unlimitedHasNoLatencyAndNoRateLimit() {
    assertThat(ProviderCapacity.UNLIMITED.latency()).isZero();
    assertThat(ProviderCapacity.UNLIMITED.rateLimited()).isFalse();
    assertThat(ProviderCapacity.latency(Duration.ofMillis(150)).rateLimited()).isFalse();
    assertThat(ProviderCapacity.perSecond(10).rateLimited()).isTrue();
  }

  @Test
  void rejectsANegativeLatencyAndARateBelowOne() {
    assertThatThrownBy(() -> new ProviderCapacity(Duration.ofMillis(-1), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProviderCapacity(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsWhatHappenedSinceAnEarlierReading() {
    assertThat(new ProviderCounts(120, 7).since(new ProviderCounts(100, 2)))
        .isEqualTo(new ProviderCounts(20, 5));
  }
}
