package alerting.dispatcher.sms;

import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import java.net.URI;

/** The text of an alert SMS, kept within two GSM-7 segments (306 characters). */
final class AlertSms {
  static final int MAX_LENGTH = 306;

  private AlertSms() {}

  /**
   * The text of one attempt; {@code signingLink} (a confirmation to disable Customer Support Access
   * only, else null) is where the contact signs the acknowledgment form.
   */
  static String render(DeliveryRequested delivery, URI ackLink, URI signingLink) {
    var b = delivery.brief();
    if (b.correlation().verificationOf().isPresent()) {
      return verification(b, ackLink);
    }
    if (b.correlation().confirmationOf().isPresent()) {
      return ConfirmationSms.render(b, ackLink, signingLink);
    }
    var head = "SECURITY ALERT (" + b.severity() + ") for " + b.tenantName() + ": ";
    var tail = ". Reply " + b.replyCode() + " to acknowledge, or open " + ackLink;
    var room = MAX_LENGTH - head.length() - tail.length();
    var title = b.title();
    if (room < 8) {
      // a very long link: keep the reply code, which is enough to acknowledge
      return (head + title).substring(0, Math.min(head.length() + title.length(), MAX_LENGTH - 30))
          + ". Reply "
          + b.replyCode()
          + " to ack";
    }
    if (title.length() > room) {
      title = title.substring(0, room - 3) + "...";
    }
    return head + title + tail;
  }

  /**
   * A verification drill's text: says first that it is a test, not an incident, then how to
   * confirm. The reply code alone is enough when the link does not fit.
   */
  static String verification(alerting.events.AlertBrief b, URI ackLink) {
    var text =
        "TEST, not an incident: "
            + b.tenantName()
            + " lists you as a security contact. Reply "
            + b.replyCode()
            + " to confirm this number reaches you, or open "
            + ackLink;
    return text.length() <= MAX_LENGTH
        ? text
        : "TEST, not an incident: please reply "
            + b.replyCode()
            + " to confirm this number reaches you for security alerts.";
  }

  /** News about an incident already alerted; asks for nothing, points to the status page. */
  static String followUp(FollowUpRequested followUp) {
    var b = followUp.brief();
    var status = followUp.statusUrl() == null ? "" : " Status: " + followUp.statusUrl();
    var head = "UPDATE for " + b.tenantName() + " on \"" + b.title() + "\": ";
    var text = head + followUp.message() + status;
    return text.length() <= MAX_LENGTH
        ? text
        : (head + followUp.message()).substring(0, Math.max(0, MAX_LENGTH - status.length() - 3))
            + "..."
            + status;
  }
}
