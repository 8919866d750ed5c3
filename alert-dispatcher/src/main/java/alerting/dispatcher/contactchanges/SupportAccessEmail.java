package alerting.dispatcher.contactchanges;

import static alerting.dispatcher.email.EmailLayout.esc;
import static alerting.dispatcher.email.EmailLayout.paragraph;
import static alerting.dispatcher.email.EmailLayout.strong;

import alerting.dispatcher.email.EmailLayout;
import alerting.dispatcher.email.EmailLayout.Tone;
import alerting.dispatcher.email.EmailProvider.Mail;
import alerting.events.SupportAccessChanged;
import alerting.events.SupportAccessChanged.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The email telling a tenant's contacts of one step of a Customer Support Access request, in that
 * step's own words: who asked, what happened to the request, and what support staff may do now.
 * Never an incident's words: nothing here is one.
 */
final class SupportAccessEmail {
  private SupportAccessEmail() {}

  static Mail of(SupportAccessChanged step) {
    var tenant = step.tenantName() == null ? step.tenantId() : step.tenantName();
    var named = step.requestedBy() != null && !step.requestedBy().isBlank();
    // records older than the requester's name say only where the request came from
    var by = named ? step.requestedBy() : "someone at " + tenant;
    var verb = step.action() == Action.DISABLE ? "disable" : "re-enable";
    var request =
        (named ? by + "'s request" : "A request from " + by)
            + " to "
            + verb
            + " Customer Support Access for "
            + tenant;
    var detail = step.detail() == null || step.detail().isBlank() ? "" : " (" + step.detail() + ")";
    var body = new ArrayList<String>();
    String subject;
    String headline;
    switch (step.step()) {
      case DISABLED -> {
        subject = "Customer Support Access for " + tenant + " is disabled";
        headline =
            "Customer Support Access for " + strong(tenant) + " is now " + strong("disabled") + ".";
        body.add("Requested by " + by + ", confirmed and signed" + detail + ".");
        body.add(
            "Support staff can no longer troubleshoot "
                + tenant
                + "'s tenant or read its logs and contacts. To allow it again, a Primary Security"
                + " contact requests re-enabling and confirms it by phone.");
      }
      case ENABLED -> {
        subject = "Customer Support Access for " + tenant + " is enabled again";
        headline =
            "Customer Support Access for "
                + strong(tenant)
                + " is now "
                + strong("enabled again")
                + ".";
        body.add("Requested by " + by + ", confirmed by phone" + detail + ".");
        body.add(
            "Support staff may again troubleshoot "
                + tenant
                + "'s tenant and read its logs and contacts. To stop it, a Primary Security contact"
                + " requests disabling it, confirms and signs.");
      }
      case CANCELLED -> {
        subject = "Cancelled: request to " + verb + " Customer Support Access for " + tenant;
        headline = esc(request) + " was " + strong("cancelled") + esc(detail) + ".";
        body.add(nothingChanged(step.allowed(), tenant));
        body.add("The confirmation messages you received about it no longer apply.");
      }
      case EXPIRED -> {
        subject = "Expired: request to " + verb + " Customer Support Access for " + tenant;
        var before =
            step.action() == Action.DISABLE ? "confirmed and signed" : "confirmed by phone";
        // the detail only says the same again: expired before it was confirmed and signed
        headline = esc(request) + " " + strong("expired") + " before it was " + before + ".";
        body.add(nothingChanged(step.allowed(), tenant) + " Ask again if it is still wanted.");
      }
      default -> {
        var what = step.step().name().toLowerCase(Locale.ROOT);
        subject = "Customer Support Access for " + tenant + ": " + what;
        headline = esc(request) + ": " + strong(what) + esc(detail) + ".";
        body.add(now(step.allowed(), tenant));
      }
    }
    body.add(ChangeEmail.UNEXPECTED);
    return mail(step, subject, headline, body);
  }

  private static String nothingChanged(boolean allowed, String tenant) {
    return "Nothing changed: support staff still "
        + (allowed ? "may troubleshoot " : "may not troubleshoot ")
        + tenant
        + "'s tenant "
        + (allowed ? "and" : "or")
        + " read its logs and contacts.";
  }

  private static String now(boolean allowed, String tenant) {
    return "For now, support staff "
        + (allowed ? "may troubleshoot " : "may not troubleshoot ")
        + tenant
        + "'s tenant "
        + (allowed ? "and" : "or")
        + " read its logs and contacts.";
  }

  /** Both parts from one headline (HTML, values escaped) and the plain paragraphs after it. */
  private static Mail mail(
      SupportAccessChanged step, String subject, String headline, List<String> body) {
    // the plain part reads the headline without its markup; values in it were escaped, so unescape
    var text =
        HtmlUtils.htmlUnescape(headline.replaceAll("</?strong>", ""))
            + "\n\n"
            + String.join("\n\n", body)
            + "\n";
    var blocks = new ArrayList<String>();
    blocks.add(paragraph(headline));
    body.forEach(line -> blocks.add(paragraph(esc(line))));
    var html =
        EmailLayout.page(Tone.NOTICE, subject, ChangeEmail.FOOTER, blocks.toArray(String[]::new));
    return new Mail(step.notifyEmails(), subject, text, html, step.eventId().toString());
  }
}
