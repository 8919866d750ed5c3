package alerting.ack.links;

import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import org.springframework.web.util.HtmlUtils;

/** The small HTML pages a contact sees after opening an ack link. */
final class AckPages {
  private AckPages() {}

  static String confirm(AlertOpened alert, String token) {
    var b = alert.brief();
    return page("Acknowledge security alert", """
        <p>Security alert for <b>%s</b></p>
        <h2>%s</h2>
        <p>Sent to %s. Confirm that you have received this alert and will act on it:</p>
        <form method="post" action="/ack/%s"><button type="submit">Acknowledge</button></form>
        """.formatted(esc(b.tenantName()), esc(b.title()), esc(b.contactName()), esc(token)));
  }

  static String thanks(AlertOpened alert) {
    return page("Alert acknowledged", "<p>Thank you, %s. The alert <b>%s</b> for %s is acknowledged;"
        .formatted(esc(alert.brief().contactName()), esc(alert.brief().title()),
            esc(alert.brief().tenantName()))
        + " we will not contact you about it again.</p>");
  }

  static String settled(AlertOpened alert, AlertStatus status) {
    var how = status == AlertStatus.CLOSED ? "closed" : "already acknowledged";
    return page("Nothing more to do", "<p>The alert <b>%s</b> for %s is %s. Thank you.</p>"
        .formatted(esc(alert.brief().title()), esc(alert.brief().tenantName()), how));
  }

  static String problem(String message) {
    return page("This link cannot be used", "<p>" + esc(message) + "</p>");
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title)
        + "</title></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text);
  }
}
