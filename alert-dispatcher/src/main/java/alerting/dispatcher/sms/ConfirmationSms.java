package alerting.dispatcher.sms;

import static alerting.dispatcher.sms.AlertSms.MAX_LENGTH;

import alerting.events.AlertBrief;
import alerting.events.SupportAccessChanged.Action;
import java.net.URI;

/**
 * The text asking a contact to confirm a Customer Support Access change: who asked, what changes,
 * that it is not an incident, and how to confirm, within two segments. When it does not fit, the
 * words of what changes shrink before the signing link goes, and the reply code (enough to confirm)
 * always stays.
 */
final class ConfirmationSms {
  /** Names longer than this are cut in the shortest text, so it always fits. */
  private static final int NAME_ROOM = 40;

  private static final String LOSE_ACCESS = " (support staff lose access to your tenant)";

  private ConfirmationSms() {}

  static String render(AlertBrief b, URI ackLink, URI signingLink) {
    var tenant = tenant(b);
    var by = requester(b, tenant);
    var action = b.correlation().action();
    if (action == Action.ENABLE) {
      // re-enabling is confirmed by phone alone: the text announces the call, it confirms nothing
      return firstThatFits(enable(tenant, by, true), enable(shorten(tenant), shorten(by), false));
    }
    if (action == Action.DISABLE) {
      var link = signingLink == null ? null : "Review and sign: " + signingLink;
      return firstThatFits(
          disable(tenant, by, LOSE_ACCESS, link, b.replyCode()),
          disable(tenant, by, " (support staff lose access)", link, b.replyCode()),
          disable(tenant, by, "", link, b.replyCode()),
          disable(tenant, by, LOSE_ACCESS, null, b.replyCode()),
          disable(shorten(tenant), shorten(by), "", null, b.replyCode()));
    }
    var head = tenant + ": " + by + " asked for a Customer Support Access change. Not an incident.";
    return firstThatFits(
        head + " Reply " + b.replyCode() + " to confirm, or open " + ackLink,
        shorten(tenant)
            + ": "
            + shorten(by)
            + " asked for a Customer Support Access change. Not an incident. Reply "
            + b.replyCode()
            + " to confirm.");
  }

  private static String disable(
      String tenant, String by, String whatChanges, String link, String replyCode) {
    return tenant
        + ": "
        + by
        + " asked to disable Customer Support Access"
        + whatChanges
        + ". Not an incident. "
        + (link == null
            ? "Reply "
                + replyCode
                + " to confirm, then sign the form from our email or the console."
            : link + " or reply " + replyCode + " to confirm.");
  }

  private static String enable(String tenant, String by, boolean whatChanges) {
    return tenant
        + ": "
        + by
        + " asked to re-enable Customer Support Access"
        + (whatChanges ? " (support staff regain access to your tenant)" : "")
        + ". Not an incident. We will call you to confirm: answer and press 1.";
  }

  /** The first text within two segments; the last one always fits (its names are cut). */
  private static String firstThatFits(String... texts) {
    for (var text : texts) {
      if (text.length() <= MAX_LENGTH) {
        return text;
      }
    }
    var last = texts[texts.length - 1];
    return last.substring(0, MAX_LENGTH);
  }

  private static String shorten(String name) {
    return name.length() <= NAME_ROOM ? name : name.substring(0, NAME_ROOM - 3) + "...";
  }

  private static String tenant(AlertBrief b) {
    return b.tenantName() == null || b.tenantName().isBlank() ? b.tenantId() : b.tenantName();
  }

  /** Who asked; records older than the requester's name say only where the request came from. */
  private static String requester(AlertBrief b, String tenant) {
    var by = b.correlation().requestedBy();
    return by == null || by.isBlank() ? "someone at " + tenant : by;
  }
}
