package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterReasonTest {

  private static String reasonFor(String json) {
    var failure = catchThrowable(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(failure).as("reading %s", json).isNotNull();
    // as a consumer sees it: wrapped by whoever called the deserializer
    return DeadLetterReason.of(
        new RuntimeException(
            "listener failed", new IllegalStateException("deserializer failed", failure)));
  }

  @Test
  void truncatedJsonSaysItIsNotJsonAndWhere() {
    assertThat(reasonFor("{\"type\":\"incident-raised.v1\",\"incidentId\":\"inc-1"))
        .startsWith("value is not valid JSON (unexpected end of input")
        .contains("at line 1, column ")
        .doesNotContain("Source", "Exception");
  }

  @Test
  void aBrokenTokenSaysItIsNotJson() {
    assertThat(reasonFor("{\"type\":\"incident-raised.v1\", not json"))
        .startsWith("value is not valid JSON (unexpected character")
        .contains("line 1, column 31");
  }

  @Test
  void anUnknownTypeIsNamed() {
    assertThat(reasonFor("{\"type\":\"Foo\",\"hello\":1}")).isEqualTo("unknown event type 'Foo'");
  }

  @Test
  void aMissingTypeIsSaid() {
    assertThat(reasonFor("{\"hello\":1}"))
        .isEqualTo("value names no event type (field 'type' is missing)");
  }

  @Test
  void aBrokenRuleNamesTheFieldAndTheEventType() {
    assertThat(
            reasonFor(
                """
        {"type":"tenant-unreachable.v1","eventId":"5f0c1f5e-3d7b-4a36-9a63-0a4f0f3c9b21",
         "occurredAt":"2026-11-21T10:15:30Z","incidentId":"inc-1","tenantId":" ","reason":"x"}"""))
        .isEqualTo("field tenantId: is required and must not be blank (tenant-unreachable.v1)");
  }

  @Test
  void aValueOutsideAnEnumNamesTheFieldTheValueAndWhatIsAllowed() {
    assertThat(
            reasonFor(
                """
        {"type":"incident-raised.v1","eventId":"5f0c1f5e-3d7b-4a36-9a63-0a4f0f3c9b21",
         "occurredAt":"2026-11-21T10:15:30Z","incidentId":"inc-1","kind":"SECURITY_CONCERN",
         "severity":"HUGE","title":"t","scope":{"allTenants":true}}"""))
        .isEqualTo("field severity: value 'HUGE' is not one of LOW, MEDIUM, HIGH, CRITICAL");
  }

  @Test
  void anEmptyValueIsSaidToBeEmpty() {
    assertThat(reasonFor("")).isEqualTo("value is empty");
  }

  @Test
  void aFailureOtherThanJsonIsTheInnermostMessage() {
    assertThat(
            DeadLetterReason.of(
                new RuntimeException(
                    "wrapper",
                    new IllegalArgumentException(
                        "incident inc-1 names unknown tenant(s) [acme-2]"))))
        .isEqualTo("incident inc-1 names unknown tenant(s) [acme-2]");
    assertThat(DeadLetterReason.of(new ArithmeticException()))
        .isEqualTo("failed with ArithmeticException");
  }

  @Test
  void unknownTenantsAreNamedWithHowLongTheyWereAwaited() {
    assertThat(DeadLetterReason.unknownTenants(List.of("acme-2"), Duration.ofSeconds(30)))
        .isEqualTo("tenant 'acme-2' unknown after waiting 30 s");
    assertThat(DeadLetterReason.unknownTenants(List.of("a", "b"), Duration.ofMillis(1500)))
        .isEqualTo("tenants 'a', 'b' unknown after waiting 1500 ms");
  }
}
