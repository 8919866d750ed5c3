package alerting.dispatcher.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  @Test
  void readsSecondsAndHttpDatesAndIgnoresWhatItCannotRead() {
    var now = Instant.parse("2026-10-21T07:27:30Z");
    assertThat(RetryAfter.parse("3", now)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT", now))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", now)).as("in the past").isZero();
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
  }

  @Test
  void aPauseIsTakenOnceOnTheThreadThatReceivedIt() {
    RetryAfter.received("2");
    assertThat(RetryAfter.take()).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.take()).isNull();
    RetryAfter.received("2");
    RetryAfter.received(null);
    assertThat(RetryAfter.take()).as("a later response without the header").isNull();
  }
}
