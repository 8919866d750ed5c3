package alerting.dispatcher.email;

import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import java.net.URI;
import org.springframework.web.util.HtmlUtils;

/** The subject, plain-text and HTML parts of an alert email. */
record AlertEmail(String subject, String text, String html) {

  static AlertEmail render(DeliveryRequested delivery, URI ackLink) {
    var b = delivery.brief();
    var subject = "[" + b.severity() + "] Security alert for " + b.tenantName() + ": " + b.title();
    var status = b.statusUrl() == null ? "" : "Status page: " + b.statusUrl() + "\n";
    var text = """
        Hello %s,

        A significant security concern affects %s.

        %s
        %s

        %sPlease acknowledge that you received this alert:
        %s

        Or reply %s to our SMS. Until you acknowledge, we will keep trying your other contact methods.
        """.formatted(b.contactName(), b.tenantName(), b.title(), nullToEmpty(b.summary()), status,
        ackLink, b.replyCode());
    var html = """
        <html><body>
        <p>Hello %s,</p>
        <p>A significant security concern affects <b>%s</b>.</p>
        <h2>%s</h2>
        <p>%s</p>
        %s
        <p><a href="%s">Acknowledge this alert</a></p>
        <p>Until you acknowledge, we will keep trying your other contact methods.</p>
        </body></html>
        """.formatted(esc(b.contactName()), esc(b.tenantName()), esc(b.title()),
        esc(nullToEmpty(b.summary())),
        b.statusUrl() == null ? "" : "<p><a href=\"" + esc(b.statusUrl()) + "\">Status page</a></p>",
        esc(ackLink.toString()));
    return new AlertEmail(subject, text, html);
  }

  /** News about an incident already alerted: no ack asked, the status page for the rest. */
  static AlertEmail followUp(FollowUpRequested followUp) {
    var b = followUp.brief();
    var subject = "Update: " + b.title() + " (" + b.tenantName() + ")";
    var status = followUp.statusUrl() == null ? "" : "Follow the incident on " + followUp.statusUrl() + "\n";
    var text = """
        Hello %s,

        An update on the security concern affecting %s, "%s":

        %s

        %sNo reply is needed.
        """.formatted(b.contactName(), b.tenantName(), b.title(), followUp.message(), status);
    var html = """
        <html><body>
        <p>Hello %s,</p>
        <p>An update on the security concern affecting <b>%s</b>, &ldquo;%s&rdquo;:</p>
        <p>%s</p>
        %s
        <p>No reply is needed.</p>
        </body></html>
        """.formatted(esc(b.contactName()), esc(b.tenantName()), esc(b.title()),
        esc(followUp.message()), followUp.statusUrl() == null ? ""
            : "<p><a href=\"" + esc(followUp.statusUrl()) + "\">Status page</a></p>");
    return new AlertEmail(subject, text, html);
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
