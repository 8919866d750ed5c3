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
}
