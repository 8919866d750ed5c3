package alerting.ack.voice;

import alerting.ack.abuse.RateLimits;
import alerting.ack.abuse.RefusedRequests;
import alerting.ack.openalerts.OpenAlerts;
import alerting.ack.system.AckPublisher;
import alerting.ack.system.AckReceiverSettings;
import alerting.ack.system.Problems;
import alerting.ack.twilio.PhoneMask;
import alerting.ack.twilio.TwilioWebhooks;
import alerting.ack.twilio.WebhookReplays;
import alerting.events.AckEvidence;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The call's instructions: Twilio fetches {@code /twilio/voice?alertId=..&attempt=..} when the call
 * is answered (with {@code AnsweredBy} from machine detection) and posts the key pressed to {@code
 * /twilio/voice/gather}. The alert and attempt come from the URL, which Twilio signs.
 */
@RestController
class VoiceCallController {
  static final String PATH = "/twilio/voice";
  static final String GATHER_PATH = "/twilio/voice/gather";
  private static final Logger log = LoggerFactory.getLogger(VoiceCallController.class);

  private final TwilioWebhooks webhooks;
  private final RateLimits limits;
  private final RefusedRequests refused;
  private final WebhookReplays replays;
  private final OpenAlerts alerts;
  private final AckPublisher publisher;
  private final AckReceiverSettings settings;

  VoiceCallController(
      TwilioWebhooks webhooks,
      RateLimits limits,
      RefusedRequests refused,
      WebhookReplays replays,
      OpenAlerts alerts,
      AckPublisher publisher,
      AckReceiverSettings settings) {
    this.webhooks = webhooks;
    this.limits = limits;
    this.refused = refused;
    this.replays = replays;
    this.alerts = alerts;
    this.publisher = publisher;
    this.settings = settings;
  }

  private record Call(AlertOpened alert, int attempt, Map<String, String> params) {
    String callee() {
      return params.getOrDefault("To", "");
    }
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> answered(HttpServletRequest request) {
    return handle(
        request,
        PATH,
        call -> {
          var answeredBy =
              call.params().getOrDefault("AnsweredBy", "unknown").toLowerCase(Locale.ROOT);
          if (answeredBy.startsWith("machine") || answeredBy.equals("fax")) {
            return replays.once(
                PATH,
                call.params().get("CallSid"),
                () -> {
                  // a machine can't acknowledge: report it so escalation moves on at once
                  publisher.status(
                      call.alert().alertId(),
                      call.attempt(),
                      Channel.VOICE,
                      DeliveryStatus.MACHINE_ANSWERED,
                      call.params().get("CallSid"),
                      "answered by " + answeredBy);
                  log.info(
                      "voice call for alert {} attempt {} to {} answered by {}",
                      call.alert().alertId(),
                      call.attempt(),
                      PhoneMask.mask(call.callee()),
                      answeredBy);
                  return VoiceScript.voicemail(call.alert().brief());
                });
          }
          return VoiceScript.prompt(call.alert().brief(), gatherUrl(call, 1), false);
        });
  }

  @PostMapping(path = GATHER_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> gathered(HttpServletRequest request) {
    return handle(
        request,
        GATHER_PATH,
        call -> {
          var digits = call.params().getOrDefault("Digits", "");
          if (digits.equals("1")) {
            return replays.once(GATHER_PATH, call.params().get("CallSid"), () -> acknowledge(call));
          }
          var round = "1".equals(request.getParameter("round")) ? 1 : 2;
          return round == 1
              ? VoiceScript.prompt(call.alert().brief(), gatherUrl(call, 2), true)
              : VoiceScript.noAcknowledgment(call.alert().brief());
        });
  }

  private String acknowledge(Call call) {
    var status = alerts.status(call.alert().alertId()).orElse(AlertStatus.OPEN);
    if (status == AlertStatus.ACKNOWLEDGED || status == AlertStatus.CLOSED) {
      return VoiceScript.settled(call.alert().brief(), status.name().toLowerCase(Locale.ROOT));
    }
    publisher.acknowledged(
        call.alert(),
        call.attempt(),
        Channel.VOICE,
        new AckEvidence(PhoneMask.mask(call.callee()), "pressed 1", Instant.now()));
    log.info(
        "voice ack of alert {} attempt {} from {}",
        call.alert().alertId(),
        call.attempt(),
        PhoneMask.mask(call.callee()));
    return VoiceScript.acknowledged(call.alert().brief());
  }

  private ResponseEntity<String> handle(
      HttpServletRequest request, String path, Function<Call, String> script) {
    var verified = webhooks.verified(request);
    if (verified.isEmpty()) {
      throw Problems.forbidden();
    }
    var params = verified.get();
    var attempt = positive(request.getParameter("attempt"));
    var alertId = request.getParameter("alertId");
    if (attempt <= 0 || alertId == null || alertId.isBlank()) {
      refused.count(path, "bad-request");
      throw Problems.badRequest("alertId and attempt are required");
    }
    if (!limits.tryAcquire(RateLimits.Scope.PHONE, params.getOrDefault("To", ""))) {
      refused.count(path, "rate-limited-phone");
      throw Problems.tooManyRequests("Too many requests for this number");
    }
    var twiml =
        alerts
            .byId(alertId)
            .filter(alert -> attempt <= alert.lastAttempt())
            .map(alert -> script.apply(new Call(alert, attempt, params)))
            .orElseGet(VoiceScript::unknownAlert);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml);
  }

  private String gatherUrl(Call call, int round) {
    return settings.publicUrl(GATHER_PATH)
        + "?alertId="
        + call.alert().alertId()
        + "&attempt="
        + call.attempt()
        + "&round="
        + round;
  }

  private static int positive(String number) {
    try {
      return number == null ? 0 : Math.max(0, Integer.parseInt(number));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
