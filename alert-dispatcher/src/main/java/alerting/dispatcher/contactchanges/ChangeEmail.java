package alerting.dispatcher.contactchanges;

import static alerting.dispatcher.email.EmailLayout.esc;
import static alerting.dispatcher.email.EmailLayout.paragraph;
import static alerting.dispatcher.email.EmailLayout.preformatted;
import static alerting.dispatcher.email.EmailLayout.strong;

import alerting.dispatcher.email.EmailLayout;
import alerting.dispatcher.email.EmailLayout.Tone;
import alerting.dispatcher.email.EmailProvider.Mail;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactRemoved;
import alerting.events.ContactUpdated;
import alerting.events.ContactsReviewRequested;
import alerting.events.Event;
import alerting.events.SupportAccessChanged;
import java.util.Optional;
import java.util.stream.Collectors;

/** The email announcing a contact or support-access change to the addresses it names. */
final class ChangeEmail {
  static final String FOOTER = "Sent by the security alerting service from a no-reply address.";
  static final String UNEXPECTED =
      "If you did not expect this change, contact your administrator at once.";

  private ChangeEmail() {}

  static Optional<Mail> of(Event event) {
    if (event instanceof ContactAdded added) {
      return mail(
          added.notifyEmails(),
          added.tenantName(),
          added.tenantId(),
          added.contact().displayName(),
          "was added as a security contact",
          describe(added.contact()),
          added.actor().displayName(),
          added.eventId().toString());
    }
    if (event instanceof ContactUpdated updated) {
      return mail(
          updated.notifyEmails(),
          updated.tenantName(),
          updated.tenantId(),
          updated.after().displayName(),
          "had their security contact details changed",
          "Before: " + describe(updated.before()) + "\nAfter: " + describe(updated.after()),
          updated.actor().displayName(),
          updated.eventId().toString());
    }
    if (event instanceof ContactRemoved removed) {
      return mail(
          removed.notifyEmails(),
          removed.tenantName(),
          removed.tenantId(),
          removed.before().displayName(),
          "is no longer a security contact",
          describe(removed.before()),
          removed.actor().displayName(),
          removed.eventId().toString());
    }
    if (event instanceof SupportAccessChanged step && !step.notifyEmails().isEmpty()) {
      return Optional.of(SupportAccessEmail.of(step));
    }
    if (event instanceof ContactsReviewRequested review && !review.notifyEmails().isEmpty()) {
      return Optional.of(review(review));
    }
    return Optional.empty();
  }

  /**
   * The tenant is at risk: its admins are asked to review its security contacts, with the risks and
   * the stale methods in plain words (seed 000's review flow).
   */
  private static Mail review(ContactsReviewRequested review) {
    var tenant = review.tenantName() == null ? review.tenantId() : review.tenantName();
    var subject =
        (review.reminder() > 1 ? "Reminder: please" : "Please")
            + " review the security contacts of "
            + tenant;
    var risks = String.join("\n", review.risks().stream().map(r -> "- " + r).toList());
    var stale = String.join("\n", review.staleMethods().stream().map(m -> "- " + m).toList());
    var text =
        "We may not be able to reach "
            + tenant
            + " about a security incident:\n"
            + risks
            + "\n\n"
            + (stale.isEmpty() ? "" : "Contact methods not verified lately:\n" + stale + "\n\n")
            + "Please review your security contacts: update or replace those who changed roles,"
            + " and start a verification so each contact confirms their methods.\n";
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            subject,
            FOOTER,
            paragraph(
                "We may not be able to reach " + strong(tenant) + " about a security incident:"),
            preformatted(risks),
            stale.isEmpty() ? "" : paragraph("Contact methods not verified lately:"),
            stale.isEmpty() ? "" : preformatted(stale),
            paragraph(
                "Please review your security contacts: update or replace those who changed"
                    + " roles, and start a verification so each contact confirms their methods."));
    return new Mail(review.notifyEmails(), subject, text, html, review.eventId().toString());
  }

  private static Optional<Mail> mail(
      java.util.List<String> to,
      String tenantName,
      String tenantId,
      String name,
      String what,
      String details,
      String actor,
      String traceId) {
    if (to.isEmpty()) {
      return Optional.empty();
    }
    var tenant = tenantName == null ? tenantId : tenantName;
    var subject = "Security contacts of " + tenant + ": " + name + " " + what;
    var by = actor == null ? "" : " by " + actor;
    var text =
        """
        The security contacts of %s changed%s:

        %s %s.

        %s

        If you did not expect this change, contact your administrator at once.
        """
            .formatted(tenant, by, name, what, details);
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            "Security contacts of " + tenant + " changed",
            FOOTER,
            paragraph("The security contacts of " + strong(tenant) + " changed" + esc(by) + ":"),
            paragraph(strong(name) + " " + esc(what) + "."),
            preformatted(details),
            paragraph(UNEXPECTED));
    return Optional.of(new Mail(to, subject, text, html, traceId));
  }

  private static String describe(Contact c) {
    var roles = c.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    var methods =
        c.methods().stream()
            .map(m -> m.channel() + " " + m.address())
            .collect(Collectors.joining(", "));
    return c.displayName()
        + " ("
        + roles
        + "; "
        + (methods.isEmpty() ? "no contact method" : methods)
        + ")";
  }
}
