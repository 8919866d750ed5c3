package alerting.ack.sms;

import alerting.ack.abuse.RateLimits;
import alerting.ack.abuse.RefusedRequests;
import alerting.ack.system.Problems;
import alerting.ack.twilio.TwilioWebhooks;
import alerting.ack.twilio.WebhookReplays;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a contact acknowledges by SMS: Twilio posts each reply here, and sends our answer back. */
@RestController
class InboundSmsController {
  static final String PATH = "/twilio/sms";

  private final TwilioWebhooks webhooks;
  private final RateLimits limits;
  private final RefusedRequests refused;
  private final WebhookReplays replays;
  private final SmsConversation conversation;

  InboundSmsController(
      TwilioWebhooks webhooks,
      RateLimits limits,
      RefusedRequests refused,
      WebhookReplays replays,
      SmsConversation conversation) {
    this.webhooks = webhooks;
    this.limits = limits;
    this.refused = refused;
    this.replays = replays;
    this.conversation = conversation;
  }

  @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> reply(HttpServletRequest request) {
    var verified = webhooks.verified(request);
    if (verified.isEmpty()) {
      throw Problems.forbidden();
    }
    var params = verified.get();
    var from = params.getOrDefault("From", "");
    // checked only once the request is proven to be Twilio's: forged requests cannot use up a
    // contact's budget
    if (!limits.tryAcquire(RateLimits.Scope.PHONE, from)) {
      refused.count(PATH, "rate-limited-phone");
      throw Problems.tooManyRequests("Too many replies from this number");
    }
    var answer =
        replays.once(
            PATH,
            params.get("MessageSid"),
            () -> conversation.answer(from, params.get("Body"), params.get("MessageSid")));
    return twiml(answer);
  }

  private static ResponseEntity<String> twiml(String text) {
    var response =
        new MessagingResponse.Builder()
            .message(new Message.Builder().body(new Body.Builder(text).build()).build())
            .build();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(response.toXml());
  }
}
