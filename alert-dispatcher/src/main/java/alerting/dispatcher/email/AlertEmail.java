package alerting.dispatcher.email;

import static alerting.dispatcher.email.EmailLayout.button;
import static alerting.dispatcher.email.EmailLayout.esc;
import static alerting.dispatcher.email.EmailLayout.heading;
import static alerting.dispatcher.email.EmailLayout.link;
import static alerting.dispatcher.email.EmailLayout.paragraph;
import static alerting.dispatcher.email.EmailLayout.strong;

import alerting.dispatcher.email.EmailLayout.Tone;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import java.net.URI;

/** The subject, plain-text and HTML parts of an alert email. */
record AlertEmail(String subject, String text, String html) {
  static final String FOOTER = "Sent by the security alerting service from a no-reply address.";

  /**
   * The email of one attempt; {@code signingLink} (a confirmation to disable Customer Support
   * Access only, else null) is where the contact signs the acknowledgment form.
   */
  static AlertEmail render(DeliveryRequested delivery, URI ackLink, URI signingLink) {
    var b = delivery.brief();
    if (b.correlation().verificationOf().isPresent()) {
      return verification(b, ackLink);
    }
    if (b.correlation().confirmationOf().isPresent()) {
      return ConfirmationEmail.render(b, ackLink, signingLink);
    }
    var subject = "[" + b.severity() + "] Security alert for " + b.tenantName() + ": " + b.title();
    var status = b.statusUrl() == null ? "" : "Status page: " + b.statusUrl() + "\n";
    var text =
        """
        Hello %s,

        A significant security concern affects %s.

        %s
        %s

        %sPlease acknowledge that you received this alert:
        %s

        Or reply ACK %s to our SMS. Until you acknowledge, we will keep trying your other contact methods.
        """
            .formatted(
                b.contactName(),
                b.tenantName(),
                b.title(),
                nullToEmpty(b.summary()),
                status,
                ackLink,
                b.replyCode());
    var html =
        EmailLayout.page(
            Tone.ALERT,
            b.severity() + " security alert: " + b.tenantName(),
            FOOTER,
            paragraph("Hello " + esc(b.contactName()) + ","),
            paragraph("A significant security concern affects " + strong(b.tenantName()) + "."),
            heading(b.title()),
            b.summary() == null ? "" : paragraph(esc(b.summary())),
            button("Acknowledge this alert", ackLink.toString()),
            paragraph("Or reply " + strong("ACK " + b.replyCode()) + " to our SMS."),
            b.statusUrl() == null
                ? ""
                : paragraph("Status page: " + link(b.statusUrl(), b.statusUrl())),
            paragraph("Until you acknowledge, we will keep trying your other contact methods."));
    return new AlertEmail(subject, text, html);
  }

  /**
   * A verification drill's email: a test of this address, in words that cannot be taken for an
   * incident; one click confirms it, and nothing else is tried if it is not confirmed.
   */
  static AlertEmail verification(alerting.events.AlertBrief b, URI ackLink) {
    var subject = "Please confirm your security contact address for " + b.tenantName();
    var text =
        """
        Hello %s,

        This is a test, not a security incident.

        %s lists you as a security contact. So that security alerts reach you on the day it
        matters, please confirm that you received this email:
        %s

        Or reply %s to a text from us. If this address should no longer be used, ask your
        organisation's administrator to update its security contacts.
        """
            .formatted(b.contactName(), b.tenantName(), ackLink, b.replyCode());
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            "Confirm your security contact address",
            FOOTER,
            paragraph("Hello " + esc(b.contactName()) + ","),
            paragraph(strong("This is a test, not a security incident.")),
            paragraph(
                strong(b.tenantName())
                    + " lists you as a security contact. So that security alerts reach you on the"
                    + " day it matters, please confirm that you received this email."),
            button("Confirm this address", ackLink.toString()),
            paragraph("Or reply " + strong(b.replyCode()) + " to a text from us."),
            paragraph(
                "If this address should no longer be used, ask your organisation's administrator"
                    + " to update its security contacts."));
    return new AlertEmail(subject, text, html);
  }

  /** News about an incident already alerted: no ack asked, the status page for the rest. */
  static AlertEmail followUp(FollowUpRequested followUp) {
    var b = followUp.brief();
    var subject = "Update: " + b.title() + " (" + b.tenantName() + ")";
    var status =
        followUp.statusUrl() == null ? "" : "Follow the incident on " + followUp.statusUrl() + "\n";
    var text =
        """
        Hello %s,

        An update on the security concern affecting %s, "%s":

        %s

        %sNo reply is needed.
        """
            .formatted(b.contactName(), b.tenantName(), b.title(), followUp.message(), status);
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            "Update: " + b.title(),
            FOOTER,
            paragraph("Hello " + esc(b.contactName()) + ","),
            paragraph(
                "An update on the security concern affecting "
                    + strong(b.tenantName())
                    + ", &ldquo;"
                    + esc(b.title())
                    + "&rdquo;:"),
            EmailLayout.preformatted(followUp.message()),
            followUp.statusUrl() == null
                ? ""
                : paragraph(
                    "Follow the incident on " + link(followUp.statusUrl(), followUp.statusUrl())),
            paragraph("No reply is needed."));
    return new AlertEmail(subject, text, html);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
