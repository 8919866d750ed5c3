package alerting.localinfra;

import static alerting.localinfra.HttpPages.escape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human side of the stand-in: lists SMS and calls, newest first, and lets a person answer an
 * SMS.
 */
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
    } else if (path.equals("/call") && method.equals("POST")) {
      playCall(exchange, HttpPages.readForm(exchange));
    } else if (path.equals("/status") && method.equals("POST")) {
      reportStatus(exchange, HttpPages.readForm(exchange));
    } else {
      HttpPages.html(exchange, 404, "Not found", "<p><a href=\"/\">Back</a></p>");
    }
  }

  private void reply(HttpExchange exchange, Map<String, String> form) throws IOException {
    String answer;
    try {
      WebhookReply reply =
          standIn.replyToSms(form.get("from"), form.get("to"), form.getOrDefault("body", ""));
      answer =
          "<p>Webhook answered HTTP "
              + reply.status()
              + ":</p><pre>"
              + escape(reply.body())
              + "</pre>";
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      answer = "<p>Webhook could not be reached: " + escape(e.getMessage()) + "</p>";
    }
    HttpPages.html(
        exchange,
        200,
        "Reply from " + form.get("from"),
        "<p>Sent <q>"
            + escape(form.get("body"))
            + "</q> to "
            + escape(form.get("to"))
            + ".</p>"
            + answer
            + "<p><a href=\"/\">Back</a></p>");
  }

  /**
   * Answers a call (as a person or a machine) or presses a key, and shows what the call plays next.
   */
  private void playCall(HttpExchange exchange, Map<String, String> form) throws IOException {
    PlacedCall call =
        standIn.calls().stream()
            .filter(c -> c.sid().equals(form.get("sid")))
            .findFirst()
            .orElse(null);
    if (call == null || call.url() == null) {
      HttpPages.html(exchange, 404, "No such call", "<p><a href=\"/\">Back</a></p>");
      return;
    }
    String body;
    try {
      WebhookReply reply =
          form.containsKey("digits")
              ? standIn.pressDigits(
                  call, new WebhookReply(200, form.getOrDefault("twiml", "")), form.get("digits"))
              : standIn.answerCall(call, form.getOrDefault("answeredBy", "human"));
      body =
          "<p>Webhook answered HTTP "
              + reply.status()
              + ":</p><pre>"
              + escape(reply.body())
              + "</pre>";
      if (reply.body() != null && reply.body().contains("<Gather")) {
        body +=
            "<form method=\"post\" action=\"/call\"><input type=\"hidden\" name=\"sid\" value=\""
                + escape(call.sid())
                + "\"><input type=\"hidden\" name=\"twiml\" value=\""
                + escape(reply.body())
                + "\">Press <input name=\"digits\" size=\"2\" maxlength=\"1\"> <button>Send key</button></form>";
      }
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      body = "<p>Webhook could not be reached: " + escape(e.getMessage()) + "</p>";
    }
    HttpPages.html(exchange, 200, "Call to " + call.to(), body + "<p><a href=\"/\">Back</a></p>");
  }

  /** Reports a delivery status of an SMS or call to its StatusCallback, as Twilio would. */
  private void reportStatus(HttpExchange exchange, Map<String, String> form) throws IOException {
    String sid = form.getOrDefault("sid", "");
    String status = form.getOrDefault("status", "");
    String body;
    try {
      WebhookReply reply;
      if (sid.startsWith("CA")) {
        PlacedCall call =
            standIn.calls().stream()
                .filter(c -> c.sid().equals(sid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call " + sid));
        reply = standIn.reportCallStatus(call, status, null);
      } else {
        SentSms sms =
            standIn.messages().stream()
                .filter(m -> m.sid().equals(sid))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SMS " + sid));
        reply =
            standIn.reportMessageStatus(sms, status, "undelivered".equals(status) ? "30003" : null);
      }
      body = "<p>Status callback answered HTTP " + reply.status() + ".</p>";
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      body = "<p>Status callback could not be sent: " + escape(e.getMessage()) + "</p>";
    }
    HttpPages.html(exchange, 200, "Reported " + status, body + "<p><a href=\"/\">Back</a></p>");
  }

  private static String statusForm(String sid, String callback, String... statuses) {
    if (callback == null) {
      return "";
    }
    StringBuilder form =
        new StringBuilder(
            "<form method=\"post\" action=\"/status\">"
                + "<input type=\"hidden\" name=\"sid\" value=\""
                + escape(sid)
                + "\"><select name=\"status\">");
    for (String status : statuses) {
      form.append("<option>").append(status).append("</option>");
    }
    return form.append("</select> <button>Report</button></form>").toString();
  }

  private String messagesTable() {
    List<SentSms> newestFirst = new ArrayList<>(standIn.messages());
    java.util.Collections.reverse(newestFirst);
    StringBuilder html =
        new StringBuilder(
            "<h2>SMS ("
                + newestFirst.size()
                + ")</h2><table>"
                + "<tr><th>received</th><th>from</th><th>to</th><th>text</th><th>reply</th><th>delivery status</th></tr>");
    for (SentSms sms : newestFirst) {
      String sender = sms.from() != null ? sms.from() : sms.messagingServiceSid();
      html.append("<tr><td>")
          .append(sms.receivedAt())
          .append("</td><td>")
          .append(escape(sender))
          .append("</td><td>")
          .append(escape(sms.to()))
          .append("</td><td><pre>")
          .append(escape(sms.body()))
          .append("</pre></td><td><form method=\"post\" action=\"/reply\">")
          .append("<input type=\"hidden\" name=\"from\" value=\"")
          .append(escape(sms.to()))
          .append("\">")
          .append("<input type=\"hidden\" name=\"to\" value=\"")
          .append(escape(sender))
          .append("\">")
          .append(
              "<input name=\"body\" size=\"12\" required> <button>Reply</button></form></td><td>")
          .append(statusForm(sms.sid(), sms.statusCallback(), "delivered", "undelivered", "failed"))
          .append("</td></tr>");
    }
    return html.append("</table>").toString();
  }

  private static String answerForm(PlacedCall call) {
    if (call.url() == null) {
      return "";
    }
    return "<form method=\"post\" action=\"/call\"><input type=\"hidden\" name=\"sid\" value=\""
        + escape(call.sid())
        + "\"><select name=\"answeredBy\"><option>human</option><option>machine_start</option>"
        + "</select> <button>Answer</button></form>";
  }

  private String callsTable() {
    List<PlacedCall> newestFirst = new ArrayList<>(standIn.calls());
    java.util.Collections.reverse(newestFirst);
    StringBuilder html =
        new StringBuilder(
            "<h2>Calls ("
                + newestFirst.size()
                + ")</h2><table>"
                + "<tr><th>received</th><th>from</th><th>to</th><th>voice instructions</th><th>machine detection</th>"
                + "<th>answer</th><th>call status</th></tr>");
    for (PlacedCall call : newestFirst) {
      html.append("<tr><td>")
          .append(call.receivedAt())
          .append("</td><td>")
          .append(escape(call.from()))
          .append("</td><td>")
          .append(escape(call.to()))
          .append("</td><td><pre>")
          .append(escape(call.url() != null ? call.url() : call.twiml()))
          .append("</pre></td><td>")
          .append(escape(call.machineDetection()))
          .append("</td><td>")
          .append(answerForm(call))
          .append("</td><td>")
          .append(
              statusForm(
                  call.sid(), call.statusCallback(), "completed", "busy", "no-answer", "failed"))
          .append("</td></tr>");
    }
    return html.append("</table>").toString();
  }
}
