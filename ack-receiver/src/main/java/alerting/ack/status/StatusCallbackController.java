package alerting.ack.status;

import alerting.ack.abuse.RefusedRequests;
import alerting.ack.system.AckPublisher;
import alerting.ack.system.Problems;
import alerting.ack.twilio.TwilioWebhooks;
import alerting.ack.twilio.WebhookReplays;
import alerting.events.Channel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio reports what became of a message or call at {@code
 * /twilio/status?alertId=..&attempt=..&channel=SMS|VOICE}; the sender put the alert and attempt
 * into that URL, and Twilio signs it.
 */
@RestController
class StatusCallbackController {
  static final String PATH = "/twilio/status";

  private final TwilioWebhooks webhooks;
  private final RefusedRequests refused;
  private final WebhookReplays replays;
  private final AckPublisher publisher;

  StatusCallbackController(
      TwilioWebhooks webhooks,
      RefusedRequests refused,
      WebhookReplays replays,
      AckPublisher publisher) {
    this.webhooks = webhooks;
    this.refused = refused;
    this.replays = replays;
    this.publisher = publisher;
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> report(HttpServletRequest request) {
    var verified = webhooks.verified(request);
    if (verified.isEmpty()) {
      throw Problems.forbidden();
    }
    var params = verified.get();
    var alertId = request.getParameter("alertId");
    var attempt = attempt(request.getParameter("attempt"));
    var channel = channel(request.getParameter("channel"), params.containsKey("CallSid"));
    if (alertId == null || alertId.isBlank() || attempt.isEmpty() || channel.isEmpty()) {
      refused.count(PATH, "bad-request");
      throw Problems.badRequest("alertId, attempt and channel (SMS or VOICE) are required");
    }
    var status = ProviderStatuses.of(channel.get(), params);
    if (status.isPresent()) {
      var sid = channel.get() == Channel.VOICE ? params.get("CallSid") : params.get("MessageSid");
      var raw =
          channel.get() == Channel.VOICE ? params.get("CallStatus") : params.get("MessageStatus");
      var error = params.get("ErrorCode");
      var reason =
          "twilio " + raw + (error == null || error.isBlank() ? "" : " (error " + error + ")");
      replays.once(
          PATH,
          sid == null ? null : sid + "|" + raw,
          () -> {
            publisher.status(alertId, attempt.get(), channel.get(), status.get(), sid, reason);
            return "";
          });
    }
    return ResponseEntity.noContent().build();
  }

  private static Optional<Integer> attempt(String value) {
    try {
      return Optional.of(Integer.parseInt(value)).filter(n -> n > 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The sender names the channel; a callback without it is a call when it carries a CallSid. */
  private static Optional<Channel> channel(String value, boolean hasCallSid) {
    if (value == null || value.isBlank()) {
      return Optional.of(hasCallSid ? Channel.VOICE : Channel.SMS);
    }
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "SMS" -> Optional.of(Channel.SMS);
      case "VOICE" -> Optional.of(Channel.VOICE);
      default -> Optional.empty();
    };
  }
}
