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

  static AlertEmail render(DeliveryRequested delivery, URI ackLink) {
    var b = delivery.brief();
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
