package alerting.ack.links;

import static alerting.ack.links.AckPages.esc;
import static alerting.ack.links.AckPages.page;
import static alerting.ack.links.AckPages.row;

import alerting.events.AlertBrief;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.ContactMethod;
import alerting.events.SupportAccessChanged.Action;

/**
 * The ack pages of a Customer Support Access confirmation: who asked what, what changes for the
 * tenant, and what is left to do. Never in an incident's words: nothing here is one.
 */
final class ConfirmationPages {
  private static final String REVIEW_AND_SIGN =
      "Now sign the acknowledgment form with the &lsquo;Review and sign&rsquo; link in the email or"
          + " text we sent you, or in the console.";

  private ConfirmationPages() {}

  static String confirm(AlertOpened alert, ContactMethod sentBy, String token) {
    var b = alert.brief();
    var disable = action(b) == Action.DISABLE;
    return page(
        heading(b),
        eyebrow(b)
            + "<h1>"
            + esc(heading(b))
            + "</h1>"
            + "<p><strong>This is not a security incident.</strong> "
            + esc(requester(b))
            + " asked to "
            + esc(b.correlation().supportAccessChange())
            + " for "
            + esc(tenant(b))
            + ".</p>"
            + changes(b)
            + details(b, sentBy)
            + "<form method=\"post\" action=\"/ack/"
            + esc(token)
            + "\">"
            + "<button type=\"submit\">Confirm this request</button></form>"
            + "<p>If this request is not yours or your team's, do not confirm; tell your"
            + " administrator. Nothing changes unless it is confirmed"
            + (disable ? " and signed" : "")
            + ".</p>");
  }

  static String thanks(AlertOpened alert, ContactMethod sentBy) {
    var b = alert.brief();
    return page(
        "Confirmation recorded",
        eyebrow(b)
            + "<h1>Your confirmation is recorded</h1>"
            + "<p>Thank you"
            + (isBlank(b.contactName()) ? "" : ", " + esc(b.contactName()))
            + ". Your confirmation to "
            + esc(b.correlation().supportAccessChange())
            + " for "
            + esc(tenant(b))
            + " is recorded.</p>"
            + (action(b) == Action.DISABLE
                ? "<p>" + REVIEW_AND_SIGN + " Nothing changes until it is signed.</p>"
                : "")
            + details(b, sentBy));
  }

  static String settled(AlertOpened alert, ContactMethod sentBy, AlertStatus status) {
    var b = alert.brief();
    var closed = status == AlertStatus.CLOSED;
    var request =
        "The request to " + esc(b.correlation().supportAccessChange()) + " for " + esc(tenant(b));
    return page(
        closed ? "Request closed" : "Already confirmed",
        eyebrow(b)
            + "<h1>"
            + (closed ? "This request is closed" : "This request is already confirmed")
            + "</h1>"
            + "<p>"
            + request
            + (closed
                ? " is closed: it was settled, cancelled or has expired. There is nothing more to"
                    + " confirm."
                : " is already confirmed: there is nothing more to confirm.")
            + "</p>"
            + (!closed && action(b) == Action.DISABLE
                ? "<p>If it is not signed yet: " + REVIEW_AND_SIGN + "</p>"
                : "")
            + details(b, sentBy));
  }

  private static String heading(AlertBrief b) {
    if (action(b) == null) {
      return "Confirm: Customer Support Access change for " + tenant(b);
    }
    return "Confirm: " + b.correlation().supportAccessChange() + " for " + tenant(b);
  }

  private static String changes(AlertBrief b) {
    if (action(b) == Action.DISABLE) {
      return "<p>What changes: once you confirm and sign, support staff can no longer troubleshoot "
          + esc(tenant(b))
          + "&rsquo;s tenant or read its logs and contacts, until a Primary Security contact"
          + " re-enables access (confirmed by phone).</p>";
    }
    if (action(b) == Action.ENABLE) {
      return "<p>What changes: once confirmed, support staff may again troubleshoot "
          + esc(tenant(b))
          + "&rsquo;s tenant and read its logs and contacts.</p>";
    }
    return isBlank(b.summary()) ? "" : "<p>" + esc(b.summary()) + "</p>";
  }

  private static String eyebrow(AlertBrief b) {
    return "<p class=\"eyebrow\">Customer Support Access for " + esc(tenant(b)) + "</p>";
  }

  private static String details(AlertBrief b, ContactMethod sentBy) {
    var d = new StringBuilder("<div class=\"card\"><dl>");
    row(d, "Organisation", esc(tenant(b)));
    row(d, "Requested by", esc(requester(b)));
    row(
        d,
        "Sent to",
        esc(b.contactName()) + (sentBy == null ? "" : " " + AckPages.by(sentBy.channel())));
    return d.append("</dl></div>").toString();
  }

  private static Action action(AlertBrief b) {
    return b.correlation().action();
  }

  private static String tenant(AlertBrief b) {
    return isBlank(b.tenantName()) ? b.tenantId() : b.tenantName();
  }

  /** Who asked; records older than the requester's name say only where the request came from. */
  private static String requester(AlertBrief b) {
    var by = b.correlation().requestedBy();
    return isBlank(by) ? "Someone at " + tenant(b) : by;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
