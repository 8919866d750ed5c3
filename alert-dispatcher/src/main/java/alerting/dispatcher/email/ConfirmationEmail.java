package alerting.dispatcher.email;

import static alerting.dispatcher.email.EmailLayout.button;
import static alerting.dispatcher.email.EmailLayout.esc;
import static alerting.dispatcher.email.EmailLayout.link;
import static alerting.dispatcher.email.EmailLayout.paragraph;
import static alerting.dispatcher.email.EmailLayout.strong;

import alerting.dispatcher.email.EmailLayout.Tone;
import alerting.events.AlertBrief;
import alerting.events.SupportAccessChanged.Action;
import java.net.URI;

/**
 * The email asking a contact to confirm a Customer Support Access change, in its own words: who
 * asked, what changes for the tenant, and how to confirm. Never in an incident's words: a contact
 * told of a security incident here would be alarmed for nothing, or learn to shrug off alerts.
 */
final class ConfirmationEmail {
  private ConfirmationEmail() {}

  static AlertEmail render(AlertBrief b, URI ackLink, URI signingLink) {
    var action = b.correlation().action();
    if (action == Action.DISABLE) {
      return disable(b, ackLink, signingLink);
    }
    if (action == Action.ENABLE) {
      return enable(b, ackLink);
    }
    return unnamed(b, ackLink);
  }

  private static AlertEmail disable(AlertBrief b, URI ackLink, URI signingLink) {
    var tenant = tenant(b);
    var subject = "Confirm: disable Customer Support Access for " + tenant;
    var changes =
        "once you confirm and sign, support staff can no longer troubleshoot "
            + tenant
            + "'s tenant or read its logs and contacts, until a Primary Security contact re-enables"
            + " access (confirmed by phone).";
    var doNotConfirm =
        "If this request is not yours or your team's, do not confirm; tell your administrator."
            + " Nothing changes unless it is confirmed and signed.";
    String text;
    String actions;
    if (signingLink != null) {
      text =
          """
          Review and sign (you do not need an account):
          %s

          Already signed in to the console? Confirm here and sign there:
          %s

          Or reply %s to our text message to confirm; you will still sign the form with the link above.
          """
              .formatted(signingLink, ackLink, b.replyCode());
      actions =
          button("Review and sign", signingLink.toString())
              + "\n"
              + paragraph("You do not need an account.")
              + "\n"
              + paragraph(
                  "Already signed in to the console? Confirm here and sign there: "
                      + link(ackLink.toString(), ackLink.toString()))
              + "\n"
              + paragraph(
                  "Or reply "
                      + strong(b.replyCode())
                      + " to our text message to confirm; you will still sign the form with the"
                      + " link above.");
    } else {
      text =
          """
          Confirm this request:
          %s

          Then sign the acknowledgment form in the console.
          Or reply %s to our text message to confirm; you will still sign the form in the console.
          """
              .formatted(ackLink, b.replyCode());
      actions =
          button("Confirm this request", ackLink.toString())
              + "\n"
              + paragraph("Then sign the acknowledgment form in the console.")
              + "\n"
              + paragraph(
                  "Or reply "
                      + strong(b.replyCode())
                      + " to our text message to confirm; you will still sign the form in the"
                      + " console.");
    }
    var body = openingText(b, "disable", changes) + text + doNotConfirm + "\n";
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            subject,
            AlertEmail.FOOTER,
            openingHtml(b, "disable", changes),
            actions,
            paragraph(esc(doNotConfirm)));
    return new AlertEmail(subject, body, html);
  }

  private static AlertEmail enable(AlertBrief b, URI ackLink) {
    var tenant = tenant(b);
    var subject = "Confirm: re-enable Customer Support Access for " + tenant;
    var changes =
        "once confirmed, support staff may again troubleshoot "
            + tenant
            + "'s tenant and read its logs and contacts.";
    var byPhone = "Re-enabling is confirmed by phone: answer our call and press 1.";
    var notYours =
        "If this request is not yours or your team's, do not confirm; tell your administrator."
            + " Nothing changes unless it is confirmed.";
    var text =
        openingText(b, "re-enable", changes)
            + """
            %s

            Review the request: %s

            %s
            """
                .formatted(byPhone, ackLink, notYours);
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            subject,
            AlertEmail.FOOTER,
            openingHtml(b, "re-enable", changes),
            paragraph(strong(byPhone)),
            paragraph("Review the request: " + link(ackLink.toString(), ackLink.toString())),
            paragraph(esc(notYours)));
    return new AlertEmail(subject, text, html);
  }

  /** A request older than the action on the correlation: neutral words, the ack link to confirm. */
  private static AlertEmail unnamed(AlertBrief b, URI ackLink) {
    var tenant = tenant(b);
    var by = requester(b);
    var subject = "Confirm: Customer Support Access change for " + tenant;
    var request = b.summary() == null ? b.title() : b.title() + "\n" + b.summary();
    var notYours =
        "If this request is not yours or your team's, do not confirm; tell your administrator.";
    var text =
        """
        Hello %s,

        %s asked for a Customer Support Access change for %s.

        %s

        This is not a security incident.

        Confirm this request:
        %s

        Or reply %s to our text message to confirm.
        %s
        """
            .formatted(b.contactName(), by, tenant, request, ackLink, b.replyCode(), notYours);
    var html =
        EmailLayout.page(
            Tone.NOTICE,
            subject,
            AlertEmail.FOOTER,
            paragraph("Hello " + esc(b.contactName()) + ","),
            paragraph(
                strong(by)
                    + " asked for a Customer Support Access change for "
                    + strong(tenant)
                    + "."),
            paragraph(strong(b.title())),
            b.summary() == null ? "" : paragraph(esc(b.summary())),
            paragraph(strong("This is not a security incident.")),
            button("Confirm this request", ackLink.toString()),
            paragraph("Or reply " + strong(b.replyCode()) + " to our text message to confirm."),
            paragraph(esc(notYours)));
    return new AlertEmail(subject, text, html);
  }

  /** How a named request opens: the greeting, who asked what, what changes, and not an incident. */
  private static String openingText(AlertBrief b, String verb, String changes) {
    return """
        Hello %s,

        %s asked to %s Customer Support Access for %s.

        What changes: %s

        This is not a security incident.

        """
        .formatted(b.contactName(), requester(b), verb, tenant(b), changes);
  }

  private static String openingHtml(AlertBrief b, String verb, String changes) {
    return String.join(
        "\n",
        paragraph("Hello " + esc(b.contactName()) + ","),
        paragraph(
            strong(requester(b))
                + " asked to "
                + verb
                + " Customer Support Access for "
                + strong(tenant(b))
                + "."),
        paragraph("What changes: " + esc(changes)),
        paragraph(strong("This is not a security incident.")));
  }

  private static String tenant(AlertBrief b) {
    return b.tenantName() == null || b.tenantName().isBlank() ? b.tenantId() : b.tenantName();
  }

  /** Who asked; records older than the requester's name say only where the request came from. */
  private static String requester(AlertBrief b) {
    var by = b.correlation().requestedBy();
    return by == null || by.isBlank() ? "Someone at " + tenant(b) : by;
  }
}
