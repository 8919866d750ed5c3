package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Incident text is held to the same limits on Kafka as at the REST API. */
class IncidentTextTest {

  private static IncidentRaised raised(String title, String summary, String statusUrl) {
    return new IncidentRaised(
        UUID.randomUUID(),
        Instant.now(),
        "inc-1",
        IncidentKind.SECURITY_CONCERN,
        Severity.HIGH,
        title,
        summary,
        statusUrl,
        new IncidentScope(true, java.util.List.of()));
  }

  @Test
  void anIncidentWithinTheLimitsIsBuilt() {
    assertThat(raised("t".repeat(500), "a\nb\tc", "HTTPS://status.example/incident").title())
        .hasSize(500);
  }

  @Test
  void anOverLongTitleIsRefusedNamingTheFieldAndTheLimit() {
    assertThatThrownBy(() -> raised("t".repeat(600), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("title: must be at most 500 characters, was 600");
  }

  @Test
  void controlAndBidiOverrideCharactersAreRefusedWithWhereTheyAre() {
    assertThatThrownBy(() -> raised("a\u0000b", null, null))
        .hasMessage("title: must not contain control or bidi-override characters (U+0000 at 1)");
    assertThatThrownBy(() -> raised("invoice\u202Efdp.exe", null, null))
        .hasMessageContaining("U+202E at 7");
    assertThatThrownBy(() -> raised("title", "line\u0007bell", null))
        .hasMessageStartingWith("summary:");
  }

  @Test
  void aStatusPageMustBeAWebAddress() {
    for (var url :
        new String[] {"javascript:alert(1)", "data:text/html,hi", "ftp://x.example", "https://"}) {
      assertThatThrownBy(() -> raised("title", null, url))
          .as(url)
          .hasMessage("statusUrl: must be an http(s) address of the status page");
    }
    assertThatThrownBy(
            () ->
                new IncidentUpdated(
                    UUID.randomUUID(), Instant.now(), "inc-1", "news", "javascript:alert(1)"))
        .hasMessageStartingWith("statusUrl:");
  }

  @Test
  void anOverLongTitleOnKafkaCannotBeReadSoTheDispatcherDeadLettersIt() {
    var json =
        EventJson.writeString(raised("title", null, null))
            .replace("\"title\":\"title\"", "\"title\":\"" + "t".repeat(600) + "\"");
    assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .hasRootCauseMessage("title: must be at most 500 characters, was 600");
  }
}
