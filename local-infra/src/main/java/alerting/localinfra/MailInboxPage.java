package alerting.localinfra;

import static alerting.localinfra.HttpPages.escape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mail catcher's inbox as HTML: a list newest first, and each mail with clickable links. */
final class MailInboxPage implements HttpHandler {
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
  private final Supplier<List<CaughtMail>> mails;

  MailInboxPage(Supplier<List<CaughtMail>> mails) {
    this.mails = mails;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    List<CaughtMail> all = mails.get();
    if (path.equals("/")) {
      HttpPages.html(exchange, 200, "Mail catcher: inbox (" + all.size() + ")", list(all));
      return;
    }
    String id = HttpPages.parseForm(exchange.getRequestURI().getRawQuery()).get("id");
    if (path.equals("/message")
        && id != null
        && id.matches("\\d{1,9}")
        && Integer.parseInt(id) < all.size()) {
      CaughtMail mail = all.get(Integer.parseInt(id));
      HttpPages.html(
          exchange, 200, mail.subject() == null ? "(no subject)" : mail.subject(), message(mail));
    } else {
      HttpPages.html(exchange, 404, "No such mail", "<p><a href=\"/\">Inbox</a></p>");
    }
  }

  private static String list(List<CaughtMail> all) {
    StringBuilder html =
        new StringBuilder("<table><tr><th>received</th><th>to</th><th>subject</th></tr>");
    for (int id = all.size() - 1; id >= 0; id--) {
      CaughtMail mail = all.get(id);
      html.append("<tr><td>")
          .append(mail.receivedAt())
          .append("</td><td>")
          .append(escape(String.join(", ", mail.to())))
          .append("</td><td><a href=\"/message?id=")
          .append(id)
          .append("\">")
          .append(escape(mail.subject() == null ? "(no subject)" : mail.subject()))
          .append("</a></td></tr>");
    }
    return html.append("</table>").toString();
  }

  private static String message(CaughtMail mail) {
    StringBuilder html =
        new StringBuilder("<p><a href=\"/\">Inbox</a></p><p>From ")
            .append(escape(mail.from()))
            .append(" to ")
            .append(escape(String.join(", ", mail.to())))
            .append(", received ")
            .append(mail.receivedAt())
            .append("</p>");
    if (mail.text() != null) {
      html.append("<h2>Text</h2><pre>").append(linkify(mail.text())).append("</pre>");
    }
    if (mail.html() != null) {
      // srcdoc keeps the mail's own markup apart from this page; links open in the top window
      html.append("<h2>HTML</h2><iframe style=\"width:100%;height:30em;border:1px solid #ccc\" ")
          .append("sandbox=\"allow-popups allow-top-navigation-by-user-activation\" srcdoc=\"")
          .append(escape("<base target=\"_top\">" + mail.html()))
          .append("\"></iframe>");
    }
    return html.toString();
  }

  /** Escapes the text, then turns each URL in it into a link. */
  private static String linkify(String text) {
    Matcher matcher = LINK.matcher(text);
    StringBuilder html = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      String url = matcher.group();
      html.append(escape(text.substring(last, matcher.start())))
          .append("<a href=\"")
          .append(escape(url))
          .append("\">")
          .append(escape(url))
          .append("</a>");
      last = matcher.end();
    }
    return html.append(escape(text.substring(last))).toString();
  }
}
