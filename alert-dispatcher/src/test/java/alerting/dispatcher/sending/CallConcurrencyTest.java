package alerting.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallConcurrencyTest {

  @Test
  void keepsRateTimesLatencyWithHeadroomInFlightSoLatencyNeverHoldsTheRateDown() {
    var rate = new AtomicReference<>(100.0);
    try (var calls = new CallConcurrency("test", rate::get, 8, 64)) {
      assertThat(calls.limit()).as("before any latency is known").isEqualTo(8);

      calls.accepted(Duration.ofMillis(40).toNanos());
      assertThat(calls.limit()).as("100/s × 40 ms × 1.5").isEqualTo(6);

      for (var i = 0; i < 50; i++) {
        calls.accepted(Duration.ofMillis(300).toNanos());
      }
      assertThat(calls.limit()).as("100/s × 300 ms × 1.5 = 45").isBetween(44, 46);

      rate.set(30.0);
      calls.rateChanged();
      assertThat(calls.limit()).as("30/s × 300 ms × 1.5 = 13.5").isBetween(13, 14);
    }
  }

  @Test
  void neverRunsMoreThanTheMaximumOrFewerThanOne() {
    var rate = new AtomicReference<>(1000.0);
    try (var calls = new CallConcurrency("test", rate::get, 8, 20)) {
      calls.accepted(Duration.ofSeconds(1).toNanos());
      assertThat(calls.limit()).isEqualTo(20);

      rate.set(1.0);
      for (var i = 0; i < 50; i++) {
        calls.accepted(Duration.ofMillis(1).toNanos());
      }
      assertThat(calls.limit()).isEqualTo(1);

      rate.set(0.0);
      calls.rateChanged();
      assertThat(calls.limit()).as("an unlimited channel runs the maximum").isEqualTo(20);
    }
  }
}
