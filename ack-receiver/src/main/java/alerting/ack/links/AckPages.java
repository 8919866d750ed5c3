package alerting.ack.links;

import alerting.events.AlertBrief;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages a contact sees after opening an ack link, usually on a phone: one layout, one inline
 * style sheet (allowed by its hash in the Content-Security-Policy), every value HTML-escaped.
 */
final class AckPages {
  private static final String STYLE =
      """
      *{box-sizing:border-box}
      html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
      body{margin:0;background:#f4f4f5;color:#18181b;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
      "Helvetica Neue",Arial,sans-serif}
      main{max-width:36rem;margin:0 auto;padding:1.25rem 1rem 2rem}
      h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
      h1,p,dd,a{overflow-wrap:anywhere}
      p{margin:0 0 1rem}
      .eyebrow{margin:0;color:#3f3f46;font-weight:600}
      .card{background:#fff;border:1px solid #d4d4d8;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
      dl{margin:0}
      dt{color:#3f3f46;font-weight:600}
      dd{margin:0 0 .75rem}
      dd:last-child{margin-bottom:0}
      .severity{display:inline-block;padding:.125rem .5rem;border-radius:.25rem;color:#fff;font-weight:700}
      .critical{background:#b91c1c}.high{background:#9a3412}.medium{background:#854d0e}.low{background:#3f3f46}
      a{color:#1d4ed8}
      .link{display:inline-block;min-height:44px;padding:.625rem 0}
      button{display:block;width:100%;min-height:48px;margin:0 0 1rem;padding:.75rem 1rem;border:0;\
      border-radius:.5rem;background:#1d4ed8;color:#fff;font:inherit;font-size:1.125rem;font-weight:700;cursor:pointer}
      button:hover{background:#1e40af}
      button:focus-visible,a:focus-visible{outline:3px solid #18181b;outline-offset:2px}
      @media (min-width:40rem){button{width:auto;min-width:16rem}}
      """;

  /** The Content-Security-Policy allows exactly this style sheet and nothing else inline. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private AckPages() {}

  static String confirm(AlertOpened alert, ContactMethod sentBy, String token) {
    var b = alert.brief();
    if (b.correlation().confirmationOf().isPresent()) {
      return ConfirmationPages.confirm(alert, sentBy, token);
    }
    if (b.correlation().verificationOf().isPresent()) {
      return page(
          "Confirm: " + b.title(),
          eyebrow(b)
              + "<h1>Confirm that this reaches you</h1>"
              + "<p><strong>This is a test, not a security incident.</strong> "
              + esc(b.tenantName())
              + " lists you as a security contact and is checking that its security alerts reach"
              + " you.</p>"
              + details(b, sentBy)
              + "<form method=\"post\" action=\"/ack/"
              + esc(token)
              + "\">"
              + "<button type=\"submit\">Confirm</button></form>");
    }
    return page(
        "Acknowledge: " + b.title(),
        eyebrow(b)
            + "<h1>"
            + esc(b.title())
            + "</h1>"
            + details(b, sentBy)
            + "<form method=\"post\" action=\"/ack/"
            + esc(token)
            + "\">"
            + "<button type=\"submit\">Acknowledge</button></form>"
            + "<p>Acknowledging tells your security team you have received this alert and will act on it."
            + " We stop contacting you about it once you do.</p>");
  }

  static String thanks(AlertOpened alert, ContactMethod sentBy) {
    var b = alert.brief();
    if (b.correlation().confirmationOf().isPresent()) {
      return ConfirmationPages.thanks(alert, sentBy);
    }
    if (b.correlation().verificationOf().isPresent()) {
      return page(
          "Confirmed",
          eyebrow(b)
              + "<h1>Confirmed</h1>"
              + "<p>Thank you"
              + (isBlank(b.contactName()) ? "" : ", " + esc(b.contactName()))
              + ". This is confirmed as a way to reach you about security alerts for "
              + esc(b.tenantName())
              + ".</p>"
              + details(b, sentBy));
    }
    return page(
        "Alert acknowledged",
        eyebrow(b)
            + "<h1>Alert acknowledged</h1>"
            + "<p>Thank you"
            + (isBlank(b.contactName()) ? "" : ", " + esc(b.contactName()))
            + ". The alert <strong>"
            + esc(b.title())
            + "</strong> is acknowledged;"
            + " we will not contact you about it again.</p>"
            + details(b, sentBy));
  }

  static String settled(AlertOpened alert, ContactMethod sentBy, AlertStatus status) {
    var b = alert.brief();
    if (b.correlation().confirmationOf().isPresent()) {
      return ConfirmationPages.settled(alert, sentBy, status);
    }
    var closed = status == AlertStatus.CLOSED;
    return page(
        closed ? "Alert closed" : "Already acknowledged",
        eyebrow(b)
            + "<h1>"
            + (closed ? "This alert is closed" : "This alert is already acknowledged")
            + "</h1>"
            + "<p>The alert <strong>"
            + esc(b.title())
            + "</strong> is "
            + (closed
                ? "closed: there is nothing more to acknowledge."
                : "already acknowledged: there is nothing more to do.")
            + " Thank you.</p>"
            + details(b, sentBy));
  }

  static String expired() {
    return page(
        "Link expired",
        "<h1>This link has expired</h1>"
            + "<p>Acknowledgment links are valid for a limited time, and this one has expired.</p>"
            + "<p>If the alert still needs you: reply to our text message with the code it shows,"
            + " or answer our call and press 1. Otherwise contact your security team directly.</p>");
  }

  static String invalid() {
    return page(
        "Link not valid",
        "<h1>This link is not valid</h1>"
            + "<p>The link may have been cut short or changed when it was copied.</p>"
            + "<p>Open it again from the message exactly as we sent it, reply to our text message with the code"
            + " it shows, or contact your security team directly.</p>");
  }

  static String unknownAlert() {
    return page(
        "Alert not found",
        "<h1>We could not find this alert</h1>"
            + "<p>We could not find the alert this link belongs to. If you expected one, reply to our text"
            + " message with the code it shows, or contact your security team directly.</p>");
  }

  private static String eyebrow(AlertBrief b) {
    return isBlank(b.tenantName())
        ? "<p class=\"eyebrow\">Security alert</p>"
        : "<p class=\"eyebrow\">Security alert for " + esc(b.tenantName()) + "</p>";
  }

  private static String details(AlertBrief b, ContactMethod sentBy) {
    var severity = b.severity().name().toLowerCase(Locale.ROOT);
    var d = new StringBuilder("<div class=\"card\"><dl>");
    row(d, "Organisation", esc(b.tenantName()));
    row(
        d,
        "Severity",
        "<span class=\"severity "
            + severity
            + "\">"
            + Character.toUpperCase(severity.charAt(0))
            + severity.substring(1)
            + "</span>");
    row(d, "Summary", esc(b.summary()));
    row(d, "Sent to", esc(b.contactName()) + (sentBy == null ? "" : " " + by(sentBy.channel())));
    // only web addresses become links: a javascript: or data: URL from an incident must never be
    // clickable
    if (b.statusUrl() != null && b.statusUrl().matches("(?i)https?://\\S+")) {
      row(
          d,
          "Status page",
          "<a class=\"link\" href=\""
              + esc(b.statusUrl())
              + "\" rel=\"noopener noreferrer\">"
              + esc(b.statusUrl())
              + "</a>");
    }
    return d.append("</dl></div>").toString();
  }

  static void row(StringBuilder d, String term, String html) {
    if (!html.isBlank()) {
      d.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
    }
  }

  static String by(Channel channel) {
    return switch (channel) {
      case EMAIL -> "by email";
      case SMS -> "by text message";
      case VOICE -> "by phone call";
    };
  }

  /** The one layout of every page: mobile-first, no scripts, no external assets. */
  static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex, nofollow\">"
        + "<title>"
        + esc(title)
        + "</title><style>"
        + STYLE
        + "</style></head>"
        + "<body><main>"
        + body
        + "</main></body></html>";
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  static String esc(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text);
  }

  private static String sha256(String text) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
