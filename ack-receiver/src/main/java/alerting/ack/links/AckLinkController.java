package alerting.ack.links;

import alerting.ack.abuse.RefusedRequests;
import alerting.ack.openalerts.OpenAlerts;
import alerting.ack.system.AckPublisher;
import alerting.events.AckEvidence;
import alerting.events.AckLinks;
import alerting.events.AlertOpened;
import alerting.events.AlertStatus;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(AckLinkController.class);
  private static final int EVIDENCE_USER_AGENT = 200;

  private final AckLinkVerifier verifier;
  private final OpenAlerts alerts;
  private final AckPublisher publisher;
  private final RefusedRequests refused;

  AckLinkController(
      AckLinkVerifier verifier,
      OpenAlerts alerts,
      AckPublisher publisher,
      RefusedRequests refused) {
    this.verifier = verifier;
    this.alerts = alerts;
    this.publisher = publisher;
    this.refused = refused;
  }

  /** Opening the link only records that it was seen: mail scanners follow links too. */
  @GetMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token) {
    return withAlert(
        token,
        (claims, alert) -> {
          if (isSettled(alert)) {
            return html(
                HttpStatus.OK, AckPages.settled(alert, sentBy(alert, claims), status(alert)));
          }
          publisher.status(
              alert.alertId(),
              claims.attempt(),
              alert.methodFor(claims.attempt()).channel(),
              DeliveryStatus.SEEN,
              null,
              "ack link opened");
          return html(HttpStatus.OK, AckPages.confirm(alert, sentBy(alert, claims), token));
        });
  }

  /** Pressing the button acknowledges; pressing it again only shows the thank-you page again. */
  @PostMapping(path = "/ack/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> acknowledge(@PathVariable String token, HttpServletRequest request) {
    return withAlert(
        token,
        (claims, alert) -> {
          if (isSettled(alert)) {
            return html(
                HttpStatus.OK, AckPages.settled(alert, sentBy(alert, claims), status(alert)));
          }
          var userAgent = Optional.ofNullable(request.getHeader("User-Agent")).orElse("unknown");
          var evidence =
              new AckEvidence(
                  request.getRemoteAddr(),
                  userAgent.substring(0, Math.min(userAgent.length(), EVIDENCE_USER_AGENT)),
                  Instant.now());
          var channel = alert.methodFor(claims.attempt()).channel();
          publisher.acknowledged(alert, claims.attempt(), channel, evidence);
          log.info(
              "link ack of alert {} attempt {} ({})", alert.alertId(), claims.attempt(), channel);
          return html(HttpStatus.OK, AckPages.thanks(alert, sentBy(alert, claims)));
        });
  }

  private interface Action {
    ResponseEntity<String> apply(AckLinks.Claims claims, AlertOpened alert);
  }

  private ResponseEntity<String> withAlert(String token, Action action) {
    var result = verifier.verify(token);
    if (result instanceof AckLinkVerifier.Expired) {
      return refused(HttpStatus.GONE, "expired", AckPages.expired());
    }
    if (!(result instanceof AckLinkVerifier.Valid valid)) {
      return refused(HttpStatus.BAD_REQUEST, "invalid", AckPages.invalid());
    }
    var claims = valid.claims();
    return alerts
        .byId(claims.alertId())
        .filter(a -> a.brief().contactId().equals(claims.contactId()))
        .filter(a -> claims.attempt() <= a.lastAttempt())
        .map(alert -> action.apply(claims, alert))
        .orElseGet(() -> refused(HttpStatus.NOT_FOUND, "unknown-alert", AckPages.unknownAlert()));
  }

  /**
   * Acknowledged or closed: nothing more to record. A late ack of an EXHAUSTED alert still counts.
   */
  private boolean isSettled(AlertOpened alert) {
    var status = status(alert);
    return status == AlertStatus.ACKNOWLEDGED || status == AlertStatus.CLOSED;
  }

  private AlertStatus status(AlertOpened alert) {
    return alerts.status(alert.alertId()).orElse(AlertStatus.OPEN);
  }

  private ResponseEntity<String> refused(HttpStatus status, String reason, String page) {
    refused.count("/ack", reason);
    return html(status, page);
  }

  private static ContactMethod sentBy(AlertOpened alert, AckLinks.Claims claims) {
    return alert.methodFor(claims.attempt());
  }

  /**
   * The page URL holds the token: no Referer may carry it away, no cache may keep it, and no other
   * site may frame the Acknowledge button to trick a click; only the page's own style sheet runs.
   */
  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", AckPages.CONTENT_SECURITY_POLICY)
        .body(body);
  }
}
