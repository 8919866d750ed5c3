package alerting.dispatcher.contactchanges;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.email.EmailProvider;
import alerting.events.Actor;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.SupportAccessChanged;
import alerting.events.SupportAccessChanged.Action;
import alerting.events.SupportAccessChanged.Step;
import alerting.testsupport.IncidentWords;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeEmailTest {
  static final String HOSTILE = "<svg onload=alert(1)>";

  @Test
  void aContactChangeEmailHasTheSharedLayoutBothPartsAndEscapedNames() {
    var added =
        new ContactAdded(
            UUID.randomUUID(),
            Instant.now(),
            "initech",
            HOSTILE,
            new Actor("u-9", HOSTILE),
            new Contact(
                "c1",
                HOSTILE,
                null,
                Set.of(ContactRole.PRIMARY_IT),
                List.of(new ContactMethod(Channel.EMAIL, "new@initech.example"))),
            List.of("admin@initech.example"));
    var mail = ChangeEmail.of(added).orElseThrow();
    assertThat(mail.html())
        .contains(
            "max-width:600px", "&lt;svg onload=alert(1)&gt;", "PRIMARY_IT", "new@initech.example")
        .doesNotContain("<svg");
    assertThat(mail.text())
        .contains(
            HOSTILE + " was added as a security contact",
            "PRIMARY_IT",
            "If you did not expect this change");
  }

  @Test
  void aSupportAccessStepEmailHasTheSharedLayoutAndSaysWhatSupportMayDo() {
    var step =
        new SupportAccessChanged(
            UUID.randomUUID(),
            Instant.now(),
            "initech",
            "Initech " + HOSTILE,
            "sar-1",
            SupportAccessChanged.Action.DISABLE,
            SupportAccessChanged.Step.DISABLED,
            false,
            new Actor("lee", "Lee"),
            "signed form v1",
            List.of("lee@initech.example"));
    var mail = ChangeEmail.of(step).orElseThrow();
    assertThat(mail.subject()).contains("Customer Support Access", "is disabled");
    assertThat(mail.html())
        .contains(
            "max-width:600px",
            "Initech &lt;svg",
            "<strong>disabled</strong>",
            "signed form v1",
            "can no longer")
        .doesNotContain("<svg");
    assertThat(mail.text()).contains("is now disabled", "can no longer");
  }

  static SupportAccessChanged step(
      Action action, Step step, boolean allowed, String detail, String requestedBy) {
    return new SupportAccessChanged(
        UUID.randomUUID(),
        Instant.now(),
        "initech",
        "Initech",
        "sar-1",
        action,
        step,
        allowed,
        new Actor("ada", "Ada Lovelace"),
        detail,
        List.of("sec@initech.example"),
        requestedBy);
  }

  static String words(EmailProvider.Mail mail) {
    IncidentWords.assertNone("subject and text", mail.subject() + "\n" + mail.text());
    IncidentWords.assertNone("html", mail.html());
    assertThat(mail.html()).contains("max-width:600px");
    assertThat(mail.text()).contains(ChangeEmail.UNEXPECTED).doesNotContain("<");
    return mail.text();
  }

  @Test
  void disabledNamesTheRequesterTheSignatureAndWhatSupportStaffCanNoLongerDo() {
    var mail =
        ChangeEmail.of(
                step(
                    Action.DISABLE,
                    Step.DISABLED,
                    false,
                    "signed by Ada Lovelace, form v1",
                    "Lee Admin"))
            .orElseThrow();

    assertThat(mail.subject()).isEqualTo("Customer Support Access for Initech is disabled");
    assertThat(words(mail))
        .contains(
            "Requested by Lee Admin, confirmed and signed (signed by Ada Lovelace, form v1).",
            "Support staff can no longer troubleshoot Initech's tenant or read its logs and"
                + " contacts.",
            "a Primary Security contact requests re-enabling and confirms it by phone");
  }

  @Test
  void enabledAgainNamesTheRequesterAndSaysSupportStaffMayAgainTroubleshoot() {
    var mail =
        ChangeEmail.of(step(Action.ENABLE, Step.ENABLED, true, "confirmed by Ada", "Lee Admin"))
            .orElseThrow();

    assertThat(mail.subject()).isEqualTo("Customer Support Access for Initech is enabled again");
    assertThat(words(mail))
        .contains(
            "Requested by Lee Admin",
            "Support staff may again troubleshoot Initech's tenant and read its logs and"
                + " contacts.");
  }

  @Test
  void aCancelledDisableSaysNothingChangedAndTheConfirmationsNoLongerApply() {
    var mail =
        ChangeEmail.of(
                step(
                    Action.DISABLE, Step.CANCELLED, true, "cancelled by Ada Lovelace", "Lee Admin"))
            .orElseThrow();

    assertThat(mail.subject())
        .isEqualTo("Cancelled: request to disable Customer Support Access for Initech");
    assertThat(words(mail))
        .contains(
            "Lee Admin's request to disable Customer Support Access for Initech was cancelled"
                + " (cancelled by Ada Lovelace).",
            "Nothing changed: support staff still may troubleshoot Initech's tenant",
            "The confirmation messages you received about it no longer apply.");
  }

  @Test
  void aCancelledReEnableSaysSupportStaffStillMayNotTroubleshoot() {
    var mail =
        ChangeEmail.of(step(Action.ENABLE, Step.CANCELLED, false, null, "Lee Admin")).orElseThrow();

    assertThat(mail.subject())
        .isEqualTo("Cancelled: request to re-enable Customer Support Access for Initech");
    assertThat(words(mail))
        .contains(
            "Lee Admin's request to re-enable Customer Support Access for Initech was cancelled.",
            "support staff still may not troubleshoot Initech's tenant or read its logs");
  }

  @Test
  void anExpiredRequestSaysItWasNeitherConfirmedNorSignedAndToAskAgain() {
    var disable =
        ChangeEmail.of(step(Action.DISABLE, Step.EXPIRED, true, null, "Lee Admin")).orElseThrow();
    var enable =
        ChangeEmail.of(step(Action.ENABLE, Step.EXPIRED, false, null, "Lee Admin")).orElseThrow();

    assertThat(disable.subject())
        .isEqualTo("Expired: request to disable Customer Support Access for Initech");
    assertThat(words(disable))
        .contains(
            "Lee Admin's request to disable Customer Support Access for Initech expired before"
                + " it was confirmed and signed.",
            "Nothing changed: support staff still may troubleshoot Initech's tenant",
            "Ask again if it is still wanted.");
    assertThat(enable.subject())
        .isEqualTo("Expired: request to re-enable Customer Support Access for Initech");
    assertThat(words(enable))
        .contains(
            "expired before it was confirmed by phone.",
            "support staff still may not troubleshoot Initech's tenant");
  }

  @Test
  void aStepWithoutItsRequesterSaysWhereTheRequestCameFrom() {
    var mail = ChangeEmail.of(step(Action.DISABLE, Step.CANCELLED, true, null, null)).orElseThrow();
    assertThat(words(mail)).contains("A request from someone at Initech to disable");
  }

  @Test
  void anyOtherNotifiedStepGetsANeutralText() {
    var mail =
        ChangeEmail.of(step(Action.DISABLE, Step.CONFIRMED, true, "confirmed by Ada", "Lee Admin"))
            .orElseThrow();
    assertThat(mail.subject()).isEqualTo("Customer Support Access for Initech: confirmed");
    assertThat(words(mail))
        .contains("Lee Admin's request to disable Customer Support Access for Initech")
        .contains("support staff may troubleshoot Initech's tenant");
  }
}
