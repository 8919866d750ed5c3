package alerting.dispatcher.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {
  static final List<ContactMethod> EMAIL =
      List.of(new ContactMethod(Channel.EMAIL, "x@acme.example"));
  static final TenantContacts ACME =
      new TenantContacts(
          UUID.randomUUID(),
          Instant.now(),
          "acme",
          "Acme",
          1,
          List.of(
              new Contact("sec", "Sec", null, Set.of(ContactRole.PRIMARY_SECURITY), EMAIL),
              new Contact("it", "It", null, Set.of(ContactRole.PRIMARY_IT), EMAIL),
              new Contact("ciso", "Ciso", null, Set.of(ContactRole.CIO_CISO), EMAIL),
              new Contact(
                  "both",
                  "Both",
                  null,
                  Set.of(ContactRole.PRIMARY_SECURITY, ContactRole.CIO_CISO),
                  EMAIL),
              new Contact("mute", "Mute", null, Set.of(ContactRole.PRIMARY_SECURITY), List.of())),
          List.of());

  static IncidentRaised incident(IncidentKind kind, Severity severity) {
    return new IncidentRaised(
        UUID.randomUUID(),
        Instant.now(),
        "inc",
        kind,
        severity,
        "t",
        "s",
        null,
        IncidentScope.tenants("acme"));
  }

  @Test
  void aSecurityConcernReachesSecurityAndItContactsButNotTheCisoUnlessCritical() {
    assertThat(
            RecipientPolicy.recipients(
                incident(IncidentKind.SECURITY_CONCERN, Severity.HIGH), ACME))
        .extracting(Contact::contactId)
        .containsExactly("sec", "it", "both");
  }

  @Test
  void aCriticalConcernAlsoReachesTheCisoAndEachPersonOnlyOnce() {
    assertThat(
            RecipientPolicy.recipients(
                incident(IncidentKind.SECURITY_CONCERN, Severity.CRITICAL), ACME))
        .extracting(Contact::contactId)
        .containsExactly("sec", "it", "ciso", "both");
  }

  @Test
  void aProductRecommendationReachesNobodyDirectly() {
    assertThat(
            RecipientPolicy.recipients(
                incident(IncidentKind.PRODUCT_RECOMMENDATION, Severity.CRITICAL), ACME))
        .isEmpty();
  }

  @Test
  void aLadderStartsWithTheFirstMethodOnTheVerifiedChannelAndKeepsTheOthersInOrder() {
    var email = new ContactMethod(Channel.EMAIL, "ann@acme.example");
    var sms = new ContactMethod(Channel.SMS, "+14155550100");
    var otherSms = new ContactMethod(Channel.SMS, "+14155550101");
    var voice = new ContactMethod(Channel.VOICE, "+14155550102");
    var ann =
        new Contact(
            "ann",
            "Ann",
            null,
            Set.of(ContactRole.PRIMARY_SECURITY),
            List.of(email, sms, voice, otherSms));

    assertThat(RecipientPolicy.ladder(ann, java.util.Optional.of(Channel.SMS)))
        .containsExactly(sms, email, voice, otherSms);
    assertThat(RecipientPolicy.ladder(ann, java.util.Optional.of(Channel.VOICE)))
        .containsExactly(voice, email, sms, otherSms);
    assertThat(RecipientPolicy.ladder(ann, java.util.Optional.of(Channel.EMAIL)))
        .as("already first")
        .containsExactly(email, sms, voice, otherSms);
    assertThat(RecipientPolicy.ladder(ann, java.util.Optional.empty()))
        .as("nothing verified: the tenant's order")
        .containsExactly(email, sms, voice, otherSms);
    var emailOnly =
        new Contact("bo", "Bo", null, Set.of(ContactRole.PRIMARY_SECURITY), List.of(email));
    assertThat(RecipientPolicy.ladder(emailOnly, java.util.Optional.of(Channel.SMS)))
        .as("a channel the contact no longer has")
        .containsExactly(email);
  }
}
