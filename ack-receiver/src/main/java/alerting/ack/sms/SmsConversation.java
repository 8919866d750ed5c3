package alerting.ack.sms;

import alerting.ack.openalerts.OpenAlerts;
import alerting.ack.system.AckPublisher;
import alerting.ack.system.AckReceiverSettings;
import alerting.ack.twilio.PhoneMask;
import alerting.events.AckEvidence;
import alerting.events.AlertBrief;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.SupportAccessChanged.Action;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The reply policy: what a verified SMS from a phone number does, and the text answered to it. */
@Component
class SmsConversation {
  private static final Logger log = LoggerFactory.getLogger(SmsConversation.class);
  private static final int LISTED = 5;
  private static final int EVIDENCE_BODY = 160;

  private final OpenAlerts alerts;
  private final AckPublisher publisher;
  private final AckReceiverSettings.Sms texts;
  private final Meter.MeterProvider<Counter> replies;

  /** Every outcome a reply can have, registered at zero so the first of each shows on rate(). */
  static final List<String> OUTCOMES =
      List.of(
          "acknowledged",
          "already-acknowledged",
          "already-closed",
          "ambiguous",
          "unclear",
          "unknown-code",
          "wrong-channel",
          "opt-out",
          "opt-in",
          "help");

  SmsConversation(
      OpenAlerts alerts,
      AckPublisher publisher,
      AckReceiverSettings settings,
      MeterRegistry meters) {
    this.alerts = alerts;
    this.publisher = publisher;
    this.texts = settings.sms();
    this.replies =
        Counter.builder("alerting.sms.replies")
            .description("SMS replies to the alerts' number, by what came of them")
            .withRegistry(meters);
    OUTCOMES.forEach(outcome -> replies.withTags("outcome", outcome));
  }

  String answer(String from, String body, String messageSid) {
    var reply = SmsReply.parse(body);
    if (reply instanceof SmsReply.Code code) {
      return byCode(from, code.code(), body);
    }
    if (reply instanceof SmsReply.BareAck) {
      var open = alerts.openFor(from);
      if (open.isEmpty() && !alerts.openByCallOnly(from).isEmpty()) {
        return callOnly(from, alerts.openByCallOnly(from));
      }
      return open.size() == 1
          ? acknowledge(open.get(0), from, body)
          : list(from, "ambiguous", "Which alert? You have " + open.size() + " open alerts.");
    }
    if (reply instanceof SmsReply.OptOut) {
      return optOut(from, messageSid);
    }
    if (reply instanceof SmsReply.OptIn) {
      return outcome(
          from,
          "opt-in",
          texts.programName()
              + ": you are subscribed again. Reply HELP for help, STOP to opt out.");
    }
    if (reply instanceof SmsReply.Help) {
      return outcome(
          from,
          "help",
          texts.programName()
              + ": to acknowledge an alert, reply with its 4-character code (or ACK when you have one"
              + " open alert). Help: "
              + texts.helpContact()
              + ". Reply STOP to opt out."
              + " Msg&data rates may apply.");
    }
    return list(from, "unclear", "We could not read that reply.");
  }

  private String byCode(String from, String code, String body) {
    var sharing =
        alerts.openFor(from).stream().filter(a -> a.brief().replyCode().equals(code)).toList();
    if (sharing.size() > 1) {
      // the dispatcher keeps codes unique per number; if that ever failed, guessing would ack the
      // wrong alert
      var named =
          sharing.stream()
              .map(a -> a.brief().tenantName() + ": " + a.brief().title())
              .collect(Collectors.joining("; "));
      return outcome(
          from,
          "ambiguous",
          "That code names "
              + sharing.size()
              + " open alerts ("
              + named
              + "). Please acknowledge each with the link in its message.");
    }
    var calledOnly =
        alerts.openByCallOnly(from).stream()
            .filter(a -> a.brief().replyCode().equals(code))
            .toList();
    return alerts
        .byReply(from, code)
        .map(alert -> acknowledge(alert, from, body))
        .orElseGet(
            () ->
                calledOnly.isEmpty()
                    ? list(from, "unknown-code", "That code matches no alert sent to this number.")
                    : callOnly(from, calledOnly));
  }

  /**
   * Refused, not acknowledged: an alert is acknowledged only on a channel it asked for, and these
   * only call (a re-enable of support access is confirmed by phone alone). Acknowledging one by
   * text would stop its calls while its requester ignores the text, so it could then only expire.
   */
  private String callOnly(String from, List<AlertOpened> called) {
    var named =
        called.stream()
            .limit(LISTED)
            .map(a -> a.brief().tenantName() + ": " + a.brief().title())
            .collect(Collectors.joining("; "));
    return outcome(
        from,
        "wrong-channel",
        "Not acknowledged: "
            + named
            + " can only be acknowledged by phone."
            + " Answer our call to this number and press 1 when asked.");
  }

  private String acknowledge(AlertOpened alert, String from, String body) {
    var b = alert.brief();
    var status = alerts.status(alert.alertId()).orElse(AlertStatus.OPEN);
    if (status == AlertStatus.ACKNOWLEDGED || status == AlertStatus.CLOSED) {
      // a repeated reply: the alert is settled, and saying so is all there is to do
      var settled = status.name().toLowerCase(Locale.ROOT);
      return outcome(from, "already-" + settled, settledText(b, status));
    }
    // an EXHAUSTED alert acknowledged late is still worth recording: someone did get it
    var attempt = alerts.latestAttemptTo(alert.alertId(), Channel.SMS, from).orElse(null);
    publisher.acknowledged(
        alert,
        attempt,
        Channel.SMS,
        new AckEvidence(PhoneMask.mask(from), evidenceBody(body), Instant.now()));
    log.info(
        "sms ack of alert {} attempt {} from {}", alert.alertId(), attempt, PhoneMask.mask(from));
    return outcome(from, "acknowledged", acknowledgedText(b));
  }

  /** The answer to a recorded ack; a confirmation's in its own words, not an alert's. */
  static String acknowledgedText(AlertBrief b) {
    if (b.correlation().confirmationOf().isPresent()) {
      return "Confirmed: your confirmation to "
          + b.correlation().supportAccessChange()
          + " for "
          + b.tenantName()
          + " is recorded."
          + (b.correlation().action() == Action.DISABLE
              ? " Sign the form with the link we sent you."
              : "");
    }
    return "Acknowledged: "
        + b.tenantName()
        + " - "
        + b.title()
        + ". Thank you, we will stop escalating this alert.";
  }

  /** The answer to a reply for an alert already acknowledged or closed: nothing more to do. */
  static String settledText(AlertBrief b, AlertStatus status) {
    if (b.correlation().confirmationOf().isPresent()) {
      return (status == AlertStatus.CLOSED ? "Closed" : "Already confirmed")
          + ": the request to "
          + b.correlation().supportAccessChange()
          + " for "
          + b.tenantName()
          + ". Nothing more to do.";
    }
    return "Already "
        + status.name().toLowerCase(Locale.ROOT)
        + ": "
        + b.tenantName()
        + " - "
        + b.title()
        + ". Nothing more to do.";
  }

  /**
   * STOP means the carrier will refuse our texts to this number from now on, so every open alert
   * waiting on an SMS to it would wait in vain: each such attempt is reported FAILED (permanent),
   * and the worker moves straight on to the contact's other methods. Attempts on other channels are
   * left alone; a later SMS attempt is refused by Twilio and reported FAILED by its sender.
   */
  private String optOut(String from, String messageSid) {
    var failed = 0;
    for (var alert : alerts.openFor(from)) {
      var attempt = alerts.currentAttempt(alert.alertId());
      var method = alert.methodFor(attempt);
      if (method.channel() == Channel.SMS && method.address().equals(from)) {
        publisher.status(
            alert.alertId(),
            attempt,
            Channel.SMS,
            DeliveryStatus.FAILED,
            messageSid,
            "recipient opted out of SMS (STOP)");
        failed++;
      }
    }
    log.info(
        "sms opt-out from {}: {} waiting attempt(s) reported failed", PhoneMask.mask(from), failed);
    return outcome(
        from,
        "opt-out",
        texts.programName()
            + ": you are unsubscribed and will get no more texts from this number. We will reach you"
            + " by your other contact methods. Reply START to subscribe again.");
  }

  private String list(String from, String outcome, String why) {
    var open = alerts.openFor(from);
    if (open.isEmpty()) {
      return outcome(from, outcome, why + " There is no open security alert for this number.");
    }
    var listed =
        open.stream()
            .limit(LISTED)
            .map(
                a ->
                    a.brief().replyCode()
                        + " = "
                        + a.brief().tenantName()
                        + ": "
                        + a.brief().title())
            .collect(Collectors.joining("; "));
    var more = open.size() > LISTED ? "; and " + (open.size() - LISTED) + " more" : "";
    return outcome(from, outcome, why + " Reply with a code to acknowledge: " + listed + more);
  }

  private String outcome(String from, String outcome, String text) {
    replies.withTags("outcome", outcome).increment();
    if (!outcome.equals("acknowledged")) {
      log.info("sms reply from {}: {}", PhoneMask.mask(from), outcome);
    }
    return text;
  }

  private static String evidenceBody(String body) {
    var text = body == null ? "" : body.strip();
    return text.length() <= EVIDENCE_BODY ? text : text.substring(0, EVIDENCE_BODY);
  }
}
