package alerting.dispatcher.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.dispatcher.system.InvalidRequestException;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentCoverageTest {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void anAttemptTheProviderAcceptedCountsAsDeliveredButAFailedOneDoesNot() {
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.OPEN, DeliveryStatus.SENT)))
        .isTrue();
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.OPEN, DeliveryStatus.DELIVERED)))
        .isTrue();
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.OPEN, DeliveryStatus.SEEN)))
        .isTrue();
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.OPEN, DeliveryStatus.FAILED)))
        .isFalse();
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.OPEN, DeliveryStatus.NO_ANSWER)))
        .isFalse();
    assertThat(IncidentCoverage.delivered(state("a", "t1", "Ann", AlertStatus.OPEN, null)))
        .as("queued only")
        .isFalse();
    assertThat(
            IncidentCoverage.delivered(
                state("a", "t1", "Ann", AlertStatus.CLOSED, DeliveryStatus.NOT_SENT)))
        .as("dropped by the sender: the alert was closed first")
        .isFalse();
    assertThat(IncidentCoverage.delivered(acknowledged("a", "t1", "Ann", Duration.ofSeconds(30))))
        .isTrue();
  }

  @Test
  void theIndexFollowsUpdatesAndTombstonesOfEachIncident() {
    var states = new AlertStates();
    states.apply("a1", state("a1", "t1", "Ann", AlertStatus.OPEN, null));
    states.apply("a2", state("a2", "t1", "Bob", AlertStatus.OPEN, DeliveryStatus.SENT));
    states.apply("b1", state("b1", "t9", "Cy", AlertStatus.OPEN, null, "inc-other"));
    assertThat(states.ofIncident("inc-1").counts())
        .isEqualTo(new IncidentCoverage.Counts(2, 2, 1, 0, 2, 0, 0));

    states.apply("a1", acknowledged("a1", "t1", "Ann", Duration.ofSeconds(30)));
    states.apply("a2", null);
    var incident = states.ofIncident("inc-1");
    assertThat(incident.counts()).isEqualTo(new IncidentCoverage.Counts(1, 1, 1, 1, 0, 0, 0));
    assertThat(incident.inOrder()).extracting(AlertState::alertId).containsExactly("a1");
    assertThat(incident.tenants()).containsExactly("t1");
    assertThat(states.ofIncident("inc-other").size()).isEqualTo(1);

    states.apply("a1", null);
    assertThat(states.ofIncident("inc-1").size()).isZero();
    assertThat(states.ofIncident("inc-1").counts()).isEqualTo(IncidentCoverage.Counts.NONE);
  }

  @Test
  void eachRecipientCarriesWhatVerificationDrillsFoundPerChannelTheLatestWinning() {
    var states = new AlertStates();
    var drill = alerting.events.Correlation.verification("drill-1");
    var ann = acknowledged("v-email", "t1", "Ann", Duration.ofSeconds(42));
    states.apply("v-email", withBrief(ann, drill));
    var sms =
        new AlertState(
            UUID.randomUUID(),
            T0.plusSeconds(60),
            "v-sms",
            AlertStatus.EXHAUSTED,
            1,
            brief("drill-1", "t1", "Ann"),
            List.of(
                new AttemptRecord(
                    1, Channel.SMS, T0, T0, DeliveryStatus.UNDELIVERED, T0, "undelivered (30003)")),
            null,
            "exhausted");
    states.apply("v-sms", withBrief(sms, drill));
    states.apply("a1", state("a1", "t1", "Ann", AlertStatus.OPEN, null));

    assertThat(states.reachabilityOf("t1", "c-Ann"))
        .containsExactly("EMAIL verified " + T0.plusSeconds(42), "SMS failed: undelivered (30003)");
    assertThat(states.reachabilityOf("t1", "c-Bob")).as("never drilled").isEmpty();
    assertThat(states.ofIncident("inc-1").size())
        .as("the incident's own alerts are unaffected")
        .isEqualTo(1);

    // an older state read late does not undo a newer finding
    states.apply(
        "v-email-old",
        withBrief(
            state("v-email-old", "t1", "Ann", AlertStatus.EXHAUSTED, DeliveryStatus.FAILED),
            drill));
    assertThat(states.reachabilityOf("t1", "c-Ann"))
        .first()
        .asString()
        .startsWith("EMAIL verified");
    assertThat(states.latestVerified("t1", "c-Ann"))
        .as("the SMS failed: email is where to start")
        .contains(Channel.EMAIL);
    assertThat(states.latestVerified("t1", "c-Bob")).isEmpty();

    // a later drill confirmed by text makes SMS the latest verified channel
    var smsConfirmed =
        new AlertState(
            UUID.randomUUID(),
            T0.plusSeconds(3600),
            "v-sms-2",
            AlertStatus.ACKNOWLEDGED,
            1,
            brief("drill-1", "t1", "Ann"),
            List.of(
                new AttemptRecord(
                    1, Channel.SMS, T0, T0, DeliveryStatus.DELIVERED, T0.plusSeconds(3000))),
            null,
            "acknowledged");
    states.apply("v-sms-2", withBrief(smsConfirmed, drill));
    assertThat(states.latestVerified("t1", "c-Ann")).contains(Channel.SMS);
  }

  private static AlertState withBrief(AlertState s, alerting.events.Correlation correlation) {
    var b = s.brief();
    return new AlertState(
        s.eventId(),
        s.occurredAt(),
        s.alertId(),
        s.status(),
        s.attempt(),
        new AlertBrief(
            "drill-1",
            b.tenantId(),
            b.tenantName(),
            b.contactId(),
            b.contactName(),
            b.severity(),
            b.title(),
            b.summary(),
            b.statusUrl(),
            b.replyCode(),
            correlation),
        s.attempts(),
        s.acknowledgment(),
        s.outcome());
  }

  @Test
  void tenantRowsComeOnePageAtATimeAndTextMatchesTenantIdOrNameIgnoringCase() {
    var states = new AlertStates();
    for (var t = 0; t < 25; t++) {
      var tenant = String.format("t%02d", t);
      states.apply(tenant + "a", state(tenant + "a", tenant, "Ann", AlertStatus.OPEN, null));
      states.apply(
          tenant + "b",
          state(tenant + "b", tenant, "Bob", AlertStatus.EXHAUSTED, DeliveryStatus.FAILED));
    }
    var alerts = states.ofIncident("inc-1");

    var second = IncidentCoverage.tenants(alerts, null, new PageRequest(1, 10));
    assertThat(second.rows())
        .extracting(IncidentCoverage.TenantRow::tenantId)
        .containsExactly("t10", "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18", "t19");
    assertThat(second.rows().get(0).counts().recipients()).isEqualTo(2);
    assertThat(second.rows().get(0).counts().exhausted()).isEqualTo(1);
    assertThat(second.page()).isEqualTo(new PageRequest.PageInfo(1, 10, 25, 3));

    var named = IncidentCoverage.tenants(alerts, "TENANT T2", new PageRequest(0, 3));
    assertThat(named.rows())
        .extracting(IncidentCoverage.TenantRow::tenantId)
        .containsExactly("t20", "t21", "t22");
    assertThat(named.page()).isEqualTo(new PageRequest.PageInfo(0, 3, 5, 2));
  }

  @Test
  void alertQueryMatchesContactOrTenantTextIgnoringCaseAndRejectsUnknownStatuses() {
    var ann = state("a1", "acme", "Ann Lee", AlertStatus.OPEN, null);
    assertThat(AlertQuery.parse(null, null, "ann l").matches(ann)).isTrue();
    assertThat(AlertQuery.parse(null, null, "TENANT ACME").matches(ann)).isTrue();
    assertThat(AlertQuery.parse("open", "acme", null).matches(ann)).isTrue();
    assertThat(AlertQuery.parse("EXHAUSTED", null, null).matches(ann)).isFalse();
    assertThat(AlertQuery.parse(null, "acm", null).matches(ann)).as("tenant is exact").isFalse();
    assertThatThrownBy(() -> AlertQuery.parse("LOST", null, null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("status"));
  }

  @Test
  void aBadPageOrSizeIsRejectedNamingTheParameter() {
    assertThat(PageRequest.parse(null, null, 50, 500)).isEqualTo(new PageRequest(0, 50));
    assertThatThrownBy(() -> PageRequest.parse("-1", null, 50, 500))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("page"));
    assertThatThrownBy(() -> PageRequest.parse("0", "501", 50, 500))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.field()).isEqualTo("size");
              assertThat(e.getMessage()).isEqualTo("size: must be between 1 and 500");
            });
    assertThatThrownBy(() -> PageRequest.parse("two", null, 50, 500))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("page"));
  }

  static AlertState state(
      String alertId,
      String tenantId,
      String contact,
      AlertStatus status,
      DeliveryStatus lastStatus) {
    return state(alertId, tenantId, contact, status, lastStatus, "inc-1");
  }

  static AlertState state(
      String alertId,
      String tenantId,
      String contact,
      AlertStatus status,
      DeliveryStatus lastStatus,
      String incidentId) {
    var attempts = new ArrayList<AttemptRecord>();
    attempts.add(new AttemptRecord(1, Channel.EMAIL, T0, T0.plusSeconds(300), lastStatus));
    return new AlertState(
        UUID.randomUUID(),
        T0,
        alertId,
        status,
        1,
        brief(incidentId, tenantId, contact),
        attempts,
        null,
        null);
  }

  static AlertState acknowledged(String alertId, String tenantId, String contact, Duration after) {
    var ack =
        new AlertAcknowledged(
            UUID.randomUUID(),
            T0.plus(after),
            alertId,
            1,
            Channel.EMAIL,
            new AckEvidence("ann@example.com", "link", T0.plus(after)));
    return new AlertState(
        UUID.randomUUID(),
        T0.plus(after),
        alertId,
        AlertStatus.ACKNOWLEDGED,
        1,
        brief("inc-1", tenantId, contact),
        List.of(new AttemptRecord(1, Channel.EMAIL, T0, T0.plusSeconds(300), null)),
        ack,
        "acknowledged");
  }

  static AlertBrief brief(String incidentId, String tenantId, String contact) {
    return new AlertBrief(
        incidentId,
        tenantId,
        "Tenant " + tenantId,
        "c-" + contact,
        contact,
        Severity.HIGH,
        "Leaked keys",
        null,
        null,
        "K7QD");
  }
}
