package alerting.ack.sms;

import alerting.ack.openalerts.OpenAlerts;
import alerting.ack.system.AckPublisher;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.Topics;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Where a contact acknowledges by SMS: Twilio posts each reply here. */
@RestController
class InboundSmsController {
  private final TwilioSignatures signatures;
  private final OpenAlerts alerts;
  private final AckPublisher publisher;
  private final MeterRegistry meters;

  InboundSmsController(TwilioSignatures signatures, OpenAlerts alerts, AckPublisher publisher,
      MeterRegistry meters) {
    this.signatures = signatures;
    this.alerts = alerts;
    this.publisher = publisher;
    this.meters = meters;
  }

  @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> reply(HttpServletRequest request, @RequestParam Map<String, String> params) {
    if (!signatures.verify(request, params)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.TEXT_PLAIN)
          .body("Twilio signature missing or invalid");
    }
    var from = params.getOrDefault("From", "");
    var alert = ReplyParser.replyCode(params.get("Body")).flatMap(code -> alerts.byReply(from, code));
    if (alert.isEmpty()) {
      return twiml(unknownReply(from));
    }
    acknowledge(alert.get(), from, params.get("Body"));
    var brief = alert.get().brief();
    return twiml("Acknowledged: " + brief.tenantName() + " - " + brief.title()
        + ". Thank you, we will stop escalating this alert.");
  }

  private void acknowledge(AlertOpened alert, String from, String body) {
    var now = Instant.now();
    publisher.publish(Topics.ACKS, new AlertAcknowledged(UUID.randomUUID(), now, alert.alertId(),
        null, Channel.SMS, new AckEvidence(PhoneMask.mask(from), body, now)));
    meters.counter("alerting.acks.received", "channel", Channel.SMS.name()).increment();
  }

  private String unknownReply(String from) {
    var open = alerts.ofPhone(from);
    if (open.isEmpty()) {
      return "We found no open alert for this number.";
    }
    return "Reply with one of these codes to acknowledge: " + open.stream()
        .map(a -> a.brief().replyCode() + " (" + a.brief().tenantName() + ": " + a.brief().title() + ")")
        .collect(Collectors.joining("; "));
  }

  private static ResponseEntity<String> twiml(String text) {
    var response = new MessagingResponse.Builder()
        .message(new Message.Builder().body(new Body.Builder(text).build()).build())
        .build();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(response.toXml());
  }
}
