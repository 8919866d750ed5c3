package alerting.testkit;

import static alerting.testkit.HttpPages.escape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human side of the stand-in: lists SMS and calls, newest first, and lets a person answer an SMS. */
final class TwilioPhonePage implements HttpHandler {
  private final TwilioStandIn standIn;

  TwilioPhonePage(TwilioStandIn standIn) {
    this.standIn = standIn;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals("/") && method.equals("GET")) {
      HttpPages.html(exchange, 200, "Twilio stand-in: phones", messagesTable() + callsTable());
    } else if (path.equals("/reply") && method.equals("POST")) {
      reply(exchange, HttpPages.readForm(exchange));
    } else {
      HttpPages.html(exchange, 404, "Not found", "<p><a href=\"/\">Back</a></p>");
    }
  }

  private void reply(HttpExchange exchange, Map<String, String> form) throws IOException {
    String answer;
    try {
      WebhookReply reply = standIn.replyToSms(form.get("from"), form.get("to"), form.getOrDefault("body", ""));
      answer = "<p>Webhook answered HTTP " + reply.status() + ":</p><pre>" + escape(reply.body()) + "</pre>";
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      answer = "<p>Webhook could not be reached: " + escape(e.getMessage()) + "</p>";
    }
    HttpPages.html(exchange, 200, "Reply from " + form.get("from"),
        "<p>Sent <q>" + escape(form.get("body")) + "</q> to " + escape(form.get("to")) + ".</p>"
            + answer + "<p><a href=\"/\">Back</a></p>");
  }

  private String messagesTable() {
    List<SentSms> newestFirst = new ArrayList<>(standIn.messages());
    java.util.Collections.reverse(newestFirst);
    StringBuilder html = new StringBuilder("<h2>SMS (" + newestFirst.size() + ")</h2><table>"
        + "<tr><th>received</th><th>from</th><th>to</th><th>text</th><th>reply</th></tr>");
    for (SentSms sms : newestFirst) {
      String sender = sms.from() != null ? sms.from() : sms.messagingServiceSid();
      html.append("<tr><td>").append(sms.receivedAt()).append("</td><td>").append(escape(sender))
          .append("</td><td>").append(escape(sms.to())).append("</td><td><pre>").append(escape(sms.body()))
          .append("</pre></td><td><form method=\"post\" action=\"/reply\">")
          .append("<input type=\"hidden\" name=\"from\" value=\"").append(escape(sms.to())).append("\">")
          .append("<input type=\"hidden\" name=\"to\" value=\"").append(escape(sender)).append("\">")
          .append("<input name=\"body\" size=\"12\" required> <button>Reply</button></form></td></tr>");
    }
    return html.append("</table>").toString();
  }

  private String callsTable() {
    List<PlacedCall> newestFirst = new ArrayList<>(standIn.calls());
    java.util.Collections.reverse(newestFirst);
    StringBuilder html = new StringBuilder("<h2>Calls (" + newestFirst.size() + ")</h2><table>"
        + "<tr><th>received</th><th>from</th><th>to</th><th>voice instructions</th><th>machine detection</th></tr>");
    for (PlacedCall call : newestFirst) {
      html.append("<tr><td>").append(call.receivedAt()).append("</td><td>").append(escape(call.from()))
          .append("</td><td>").append(escape(call.to())).append("</td><td><pre>")
          .append(escape(call.url() != null ? call.url() : call.twiml())).append("</pre></td><td>")
          .append(escape(call.machineDetection())).append("</td></tr>");
    }
    return html.append("</table>").toString();
  }
}
