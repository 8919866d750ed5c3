package alerting.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.EscalationPlan;
import alerting.events.EventJson;
import alerting.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnownAlertsTest {
  static final String ALERT = AlertIds.forRecipient("inc-1", "acme", "ada");

  @Test
  void onlyTheOpeningOfAnAlertAlreadyKnownIsLeftUnparsed() {
    var opened =
        EventJson.write(
            new AlertOpened(
                UUID.randomUUID(),
                Instant.now(),
                ALERT,
                new AlertBrief(
                    "inc-1",
                    "acme",
                    "Acme",
                    "ada",
                    "Ada",
                    Severity.HIGH,
                    "Breach",
                    null,
                    null,
                    "ABCD"),
                List.of(new ContactMethod(Channel.EMAIL, "ada@acme.example")),
                new EscalationPlan(Duration.ofMinutes(5), 2)));
    var closed =
        EventJson.write(
            new AlertClosed(UUID.randomUUID(), Instant.now(), ALERT, "inc-1", "resolved"));
    var known = Set.of(ALERT);

    // the JSON as the pipeline writes it: the check must recognise it, or it never saves a parse
    assertThat(KnownAlerts.isKnownAlertOpened(ALERT, opened, known::contains)).isTrue();
    assertThat(KnownAlerts.isKnownAlertOpened(ALERT, opened, Set.<String>of()::contains)).isFalse();
    assertThat(KnownAlerts.isKnownAlertOpened(ALERT, closed, known::contains)).isFalse();
    assertThat(KnownAlerts.isKnownAlertOpened(ALERT, null, known::contains)).isFalse();
  }
}
