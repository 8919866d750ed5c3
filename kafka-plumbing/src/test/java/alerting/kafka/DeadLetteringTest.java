package alerting.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.DeadLetterReason;
import alerting.events.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetteringTest {

  @Test
  void badDataIsNotRetriedButABugOrAPassingFaultIs() {
    var unreadable = new DeserializationException("bad", new byte[0], false, null);
    assertThat(DeadLettering.isRetryable(unreadable)).isFalse();
    assertThat(DeadLettering.isRetryable(new IllegalArgumentException("title is required")))
        .isFalse();
    assertThat(
            DeadLettering.isRetryable(
                new RuntimeException("listener failed", new IllegalArgumentException("nested"))))
        .isFalse();
    assertThat(DeadLettering.isRetryable(jsonFailure())).isFalse();
    assertThat(DeadLettering.isRetryable(new NullPointerException()))
        .as("a bug, not bad data")
        .isTrue();
    assertThat(DeadLettering.isRetryable(new IllegalStateException("broker away"))).isTrue();
  }

  @Test
  void aDeadLetterWrittenByHandCarriesSpringsHeadersAndThePlainWordsOnes() {
    var record =
        DeadLettering.of(
            "deliveries.sms.v1-retry",
            3,
            42L,
            1L,
            "k".getBytes(StandardCharsets.UTF_8),
            "v".getBytes(StandardCharsets.UTF_8),
            new RecordHeaders(),
            "value is empty",
            new IllegalArgumentException("empty"));

    assertThat(record.topic()).isEqualTo("deliveries.sms.v1-dlt");
    assertThat(text(record.headers().lastHeader(DeadLetterReason.HEADER).value()))
        .isEqualTo("value is empty");
    assertThat(text(record.headers().lastHeader(DeadLetterReason.ORIGIN_HEADER).value()))
        .isEqualTo("deliveries.sms.v1-retry-3@42");
    assertThat(text(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value()))
        .isEqualTo("deliveries.sms.v1-retry");
    assertThat(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value())
        .hasSize(Long.BYTES);
    assertThat(text(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN).value()))
        .isEqualTo(IllegalArgumentException.class.getName());
  }

  @Test
  void withoutAnExceptionADeadLetterSaysWhereItCameFromButNamesNoException() {
    var headers = new RecordHeaders();
    DeadLettering.addHeaders(
        headers, "incidents.v1", 0, 7L, "tenant 'acme' unknown after waiting 30 s", null);
    assertThat(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)).isNotNull();
    assertThat(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)).isNull();
  }

  private static Exception jsonFailure() {
    try {
      EventJson.read("{".getBytes(StandardCharsets.UTF_8));
      throw new AssertionError("expected a JSON failure");
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
