package alerting.contacts.supportaccess;

import alerting.contacts.supportaccess.SupportAccessService.LinkedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages a confirming contact sees through a signing link, often on a phone: one layout, one
 * inline style sheet allowed by its hash in the Content-Security-Policy, every value escaped. The
 * layout is the ack pages' (ack-receiver), so both read as one service.
 */
final class SigningPages {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final String STYLE =
      """
      *{box-sizing:border-box}
      html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
      body{margin:0;background:#f4f4f5;color:#18181b;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
      "Helvetica Neue",Arial,sans-serif}
      main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 2rem}
      h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
      h1,p,dd{overflow-wrap:anywhere}
      p{margin:0 0 1rem}
      .eyebrow{margin:0;color:#3f3f46;font-weight:600}
      .card{background:#fff;border:1px solid #d4d4d8;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
      dl{margin:0}
      dt{color:#3f3f46;font-weight:600}
      dd{margin:0 0 .75rem}
      dd:last-child{margin-bottom:0}
      .form-text{white-space:pre-wrap;font:inherit;margin:0}
      .error{color:#b91c1c;font-weight:600}
      label{display:block;font-weight:600;margin:0 0 .25rem}
      input[type=text]{display:block;width:100%;min-height:48px;margin:0 0 1rem;padding:.5rem .75rem;\
      border:1px solid #71717a;border-radius:.5rem;font:inherit}
      button{display:block;width:100%;min-height:48px;margin:0 0 1rem;padding:.75rem 1rem;border:0;\
      border-radius:.5rem;background:#1d4ed8;color:#fff;font:inherit;font-size:1.125rem;font-weight:700;cursor:pointer}
      button:hover{background:#1e40af}
      button:focus-visible,input:focus-visible{outline:3px solid #18181b;outline-offset:2px}
      @media (min-width:40rem){button{width:auto;min-width:16rem}}
      """;

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private SigningPages() {}

  /** The request, what signing changes, the form, and the name to type: nothing is signed yet. */
  static String review(LinkedRequest linked, String token, String error) {
    var r = linked.request();
    var tenant = linked.tenantName();
    return page(
        "Review and sign: disable Customer Support Access for " + tenant,
        eyebrow(tenant)
            + "<h1>Review and sign: disable Customer Support Access for "
            + esc(tenant)
            + "</h1>"
            + "<p>Hello "
            + esc(linked.contactName())
            + ", this is not a security incident. "
            + esc(requester(r))
            + " asked to disable Customer Support Access for "
            + esc(tenant)
            + ". Nothing changes unless a Primary Security contact confirms and signs.</p>"
            + "<div class=\"card\"><dl>"
            + "<dt>Requested by</dt><dd>"
            + esc(requester(r))
            + ", "
            + esc(WHEN.format(r.createdAt()))
            + "</dd>"
            + "<dt>What changes when you sign</dt><dd>Support staff can no longer troubleshoot "
            + esc(tenant)
            + "'s tenant or read its logs, configuration and contacts, until a Primary Security"
            + " contact re-enables access, confirmed by a phone call.</dd>"
            + "<dt>Contact after review</dt><dd>"
            + esc(Objects.requireNonNullElse(r.contactAfterReview(), "not given"))
            + "</dd>"
            + "<dt>Sign by</dt><dd>"
            + esc(WHEN.format(r.expiresAt()))
            + "</dd></dl></div>"
            + "<div class=\"card\"><pre class=\"form-text\" id=\"form-text\">"
            + esc(linked.formText())
            + "</pre></div>"
            + "<form method=\"post\" class=\"sign\">"
            + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
            + "<label for=\"signature-name\">Type your full name to sign form "
            + esc(linked.formVersion())
            + "</label>"
            + "<input type=\"text\" id=\"signature-name\" name=\"name\" autocomplete=\"name\""
            + " maxlength=\"200\" required>"
            + "<input type=\"hidden\" name=\"formVersion\" value=\""
            + esc(linked.formVersion())
            + "\">"
            + "<button type=\"submit\">Sign and disable support access</button></form>"
            + "<p>If this request is not yours or your team's, do not sign: close this page and"
            + " tell your administrator. The link works for you alone, once.</p>");
  }

  static String signed(SupportAccessRequests.Request r, String tenant) {
    return page(
        "Signed: Customer Support Access for " + tenant + " is disabled",
        eyebrow(tenant)
            + "<h1 class=\"done\">Signed: Customer Support Access for "
            + esc(tenant)
            + " is disabled</h1>"
            + "<p>You signed acknowledgment form "
            + esc(r.formVersion())
            + " as "
            + esc(r.signedName())
            + " on "
            + esc(WHEN.format(Objects.requireNonNullElse(r.signedAt(), Instant.now())))
            + ". Support staff can no longer reach "
            + esc(tenant)
            + "'s data. The security contacts and administrators are told by email.</p>"
            + "<p>Nothing more to do. You can close this page.</p>");
  }

  /** Why the link signs nothing, in words, and what the person can do about it, if anything. */
  static String refused(String heading, String why, boolean askAgain) {
    return page(
        heading,
        "<p class=\"eyebrow\">Customer Support Access</p><h1>"
            + esc(heading)
            + "</h1><p>"
            + esc(why)
            + "</p>"
            + (askAgain
                ? "<p>Nothing changed. If the request is still wanted, a Primary Security contact"
                    + " or an administrator can ask again from the console's Support access page.</p>"
                : ""));
  }

  private static String requester(SupportAccessRequests.Request r) {
    return Objects.requireNonNullElse(r.requestedByName(), r.requestedBy());
  }

  private static String eyebrow(String tenant) {
    return "<p class=\"eyebrow\">Customer Support Access &middot; " + esc(tenant) + "</p>";
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex, nofollow\">"
        + "<title>"
        + esc(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body><main>"
        + body
        + "</main></body></html>";
  }

  private static String esc(String text) {
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
