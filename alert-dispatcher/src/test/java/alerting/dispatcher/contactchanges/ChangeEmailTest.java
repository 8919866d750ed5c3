package alerting.dispatcher.contactchanges;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.Actor;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.SupportAccessChanged;
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
}
