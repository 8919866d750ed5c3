package alerting.ack.links;

import alerting.ack.openalerts.OpenAlerts;
import alerting.ack.system.AckPublisher;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a contact acknowledges by clicking the link in an email or SMS. */
@RestController
class AckLinkController {
  private final AckLinkVerifier verifier;
  private final OpenAlerts alerts;
  private final AckPublisher publisher;
  private final MeterRegistry meters;

  AckLinkController(AckLinkVerifier verifier, OpenAlerts alerts, AckPublisher publisher,
      MeterRegistry meters) {
    this.verifier = verifier;
    this.alerts = alerts;
    this.publisher = publisher;
    this.meters = meters;
  }

  /** Opening the link only records that it was seen: mail scanners follow links too. */
  @GetMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token) {
    return withAlert(token, (claims, alert) -> {
      var now = Instant.now();
      publisher.publish(Topics.DELIVERY_STATUS, new DeliveryStatusReported(UUID.randomUUID(), now,
          alert.alertId(), AlertIds.deliveryId(alert.alertId(), claims.attempt()), claims.attempt(),
          alert.methodFor(claims.attempt()).channel(), DeliveryStatus.SEEN, null, "ack link opened"));
      return html(HttpStatus.OK, AckPages.confirm(alert, token));
    });
  }

  @PostMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> acknowledge(@PathVariable String token, HttpServletRequest request) {
    return withAlert(token, (claims, alert) -> {
      var now = Instant.now();
      var evidence = new AckEvidence(request.getRemoteAddr(),
          Optional.ofNullable(request.getHeader("User-Agent")).orElse("unknown"), now);
      var channel = alert.methodFor(claims.attempt()).channel();
      publisher.publish(Topics.ACKS, new AlertAcknowledged(UUID.randomUUID(), now, alert.alertId(),
          claims.attempt(), channel, evidence));
      meters.counter("alerting.acks.received", "channel", channel.name()).increment();
      return html(HttpStatus.OK, AckPages.thanks(alert));
    });
  }

  private interface Action {
    ResponseEntity<String> apply(alerting.events.AckLinks.Claims claims, AlertOpened alert);
  }

  private ResponseEntity<String> withAlert(String token, Action action) {
    var result = verifier.verify(token);
    if (result instanceof AckLinkVerifier.Expired) {
      return refused(HttpStatus.GONE, "expired",
          "This acknowledgment link has expired. Reply to the SMS or wait for our call instead.");
    }
    if (!(result instanceof AckLinkVerifier.Valid valid)) {
      return refused(HttpStatus.BAD_REQUEST, "invalid",
          "This acknowledgment link is not valid. Use the link exactly as we sent it.");
    }
    return alerts.byId(valid.claims().alertId())
        .filter(a -> a.brief().contactId().equals(valid.claims().contactId()))
        .map(alert -> action.apply(valid.claims(), alert))
        .orElseGet(() -> refused(HttpStatus.NOT_FOUND, "unknown-alert",
            "We could not find the alert this link belongs to."));
  }

  private ResponseEntity<String> refused(HttpStatus status, String reason, String message) {
    meters.counter("alerting.webhooks.refused", "endpoint", "/ack", "reason", reason).increment();
    return html(status, AckPages.problem(message));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
  }
}
