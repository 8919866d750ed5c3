package alerting.contacts.verification;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.verification.ReachabilityPolicy.Finding;
import alerting.contacts.verification.ReachabilityPolicy.Outcome;
import alerting.contacts.verification.ReachabilityPolicy.State;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReachabilityPolicyTest {
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  static final ContactMethod EMAIL = new ContactMethod(Channel.EMAIL, "ada@acme.example");
  static final ContactMethod SMS = new ContactMethod(Channel.SMS, "+14155550100");
  final ReachabilityPolicy policy = new ReachabilityPolicy(Duration.ofDays(180));

  static Finding acked(Duration ago) {
    var at = NOW.minus(ago);
    return new Finding(
        "d", at.minusSeconds(60), Outcome.ACKNOWLEDGED, at, at, Duration.ofSeconds(42), null);
  }

  @Test
  void aMethodAcknowledgedWithinTheStalePeriodIsVerifiedAndOneAcknowledgedBeforeItIsStale() {
    assertThat(policy.method(EMAIL, acked(Duration.ofDays(179)), NOW).state())
        .isEqualTo(State.VERIFIED);
    var old = policy.method(EMAIL, acked(Duration.ofDays(181)), NOW);
    assertThat(old.state()).isEqualTo(State.STALE);
    assertThat(old.reason()).isEqualTo("last acknowledged 181 days ago");
  }

  @Test
  void aMethodNeverDrilledOrLeftUnansweredIsStaleAndSaysWhy() {
    assertThat(policy.method(EMAIL, null, NOW).reason()).isEqualTo("never verified");
    var unanswered =
        new Finding("d", NOW, Outcome.UNANSWERED, NOW, null, null, "no acknowledgment");
    assertThat(policy.method(EMAIL, unanswered, NOW).reason())
        .isEqualTo("the last verification was not answered");
  }

  @Test
  void aFailedLastAttemptMakesAMethodStaleEvenIfItWasAcknowledgedRecently() {
    var failed =
        new Finding(
            "d2",
            NOW,
            Outcome.FAILED,
            null,
            NOW.minus(Duration.ofDays(3)),
            null,
            "answered by a machine");
    var verdict = policy.method(SMS, failed, NOW);
    assertThat(verdict.state()).isEqualTo(State.STALE);
    assertThat(verdict.reason()).isEqualTo("last attempt failed: answered by a machine");
  }

  @Test
  void aPendingDrillKeepsAnEarlierVerificationAndSaysItIsPending() {
    var pending =
        new Finding(
            "d3",
            NOW,
            Outcome.PENDING,
            null,
            NOW.minus(Duration.ofDays(90)),
            Duration.ofSeconds(30),
            null);
    var verdict = policy.method(EMAIL, pending, NOW);
    assertThat(verdict.state()).isEqualTo(State.VERIFIED);
    assertThat(verdict.drillPending()).isTrue();
  }

  @Test
  void aTenantIsAtRiskWithoutAVerifiedPrimarySecurityContactOrWithOnlyOneVerifiedChannel() {
    var security = contact("ada", ContactRole.PRIMARY_SECURITY, EMAIL, SMS);
    var it = contact("bob", ContactRole.PRIMARY_IT, new ContactMethod(Channel.SMS, "+14155550199"));

    var none = policy.tenant(List.of(security, it), Map.of(), NOW);
    assertThat(none.atRisk()).isTrue();
    assertThat(none.risks())
        .containsExactly(
            "no Primary Security contact has a verified contact method",
            "no verified contact method at all");

    var onlyIt =
        policy.tenant(
            List.of(security, it),
            Map.of("bob", Map.of(it.methods().get(0), acked(Duration.ofDays(1)))),
            NOW);
    assertThat(onlyIt.risks())
        .containsExactly(
            "no Primary Security contact has a verified contact method",
            "only one verified channel (SMS)");

    var oneChannel =
        policy.tenant(
            List.of(security, it), Map.of("ada", Map.of(EMAIL, acked(Duration.ofDays(1)))), NOW);
    assertThat(oneChannel.risks()).containsExactly("only one verified channel (EMAIL)");

    var covered =
        policy.tenant(
            List.of(security, it),
            Map.of("ada", Map.of(EMAIL, acked(Duration.ofDays(1)), SMS, acked(Duration.ofDays(2)))),
            NOW);
    assertThat(covered.atRisk()).isFalse();
    assertThat(covered.contacts().get(0).verified()).isTrue();
    assertThat(covered.contacts().get(1).verified()).isFalse();
  }

  @Test
  void aTenantAwaitsADrillWhileOneIsUnderWayOrNoneOfItsMethodsWasEverDrilledNotWhenItHasNone() {
    var security = contact("ada", ContactRole.PRIMARY_SECURITY, EMAIL, SMS);

    assertThat(policy.tenant(List.of(security), Map.of(), NOW).awaitingDrill())
        .as("never drilled: no evidence either way yet")
        .isTrue();
    var pending = new Finding("d4", NOW, Outcome.PENDING, null, null, null, null);
    assertThat(
            policy
                .tenant(List.of(security), Map.of("ada", Map.of(EMAIL, pending)), NOW)
                .awaitingDrill())
        .isTrue();

    var failed =
        new Finding("d4", NOW, Outcome.FAILED, null, null, null, "bounced: SMTP 550 5.1.1");
    var told = policy.tenant(List.of(security), Map.of("ada", Map.of(EMAIL, failed)), NOW);
    assertThat(told.awaitingDrill()).as("a drill told; SMS was simply never drilled").isFalse();
    assertThat(told.atRisk()).isTrue();

    var nobody = policy.tenant(List.of(), Map.of(), NOW);
    assertThat(nobody.atRisk()).isTrue();
    assertThat(nobody.awaitingDrill()).as("nothing to drill: nothing to wait for").isFalse();
  }

  static Contact contact(String id, ContactRole role, ContactMethod... methods) {
    return new Contact(id, id, null, Set.of(role), List.of(methods));
  }
}
