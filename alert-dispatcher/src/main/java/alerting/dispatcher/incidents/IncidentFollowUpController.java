package alerting.dispatcher.incidents;

import alerting.dispatcher.system.InvalidRequestException;
import alerting.dispatcher.system.NotFoundException;
import alerting.events.Event;
import alerting.events.IncidentClosed;
import alerting.events.IncidentText;
import alerting.events.IncidentUpdated;
import alerting.events.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Responders follow up on an open incident and close it. Both are written to {@code incidents.v1},
 * like a raised incident, and take effect from there: an update is emailed to everyone already
 * alerted, a closure closes the alerts still open so nobody is chased any further.
 */
@RestController
class IncidentFollowUpController {
  private static final Logger log = LoggerFactory.getLogger(IncidentFollowUpController.class);
  static final int MAX_MESSAGE = IncidentText.MAX_MESSAGE;
  static final int MAX_REASON = IncidentText.MAX_REASON;
  private final KafkaTemplate<String, Event> kafka;
  private final IncidentLog incidents;

  IncidentFollowUpController(KafkaTemplate<String, Event> kafka, IncidentLog incidents) {
    this.kafka = kafka;
    this.incidents = incidents;
  }

  /** {@code statusUrl} replaces the incident's status page for this follow-up when given. */
  record FollowUpCommand(String message, String statusUrl) {}

  record CloseIncidentCommand(String reason) {}

  @PostMapping("/api/incidents/{incidentId}/follow-ups")
  ResponseEntity<Map<String, String>> followUp(
      @PathVariable String incidentId,
      @RequestBody(required = false) FollowUpCommand command,
      Authentication responder)
      throws Exception {
    var message = text(command == null ? null : command.message());
    if (message == null) {
      throw new InvalidRequestException("message", "is required and must not be blank");
    }
    InvalidRequestException.checkedText(message, "message", MAX_MESSAGE, true);
    var statusUrl = StatusPage.checked(command.statusUrl());
    requireOpen(incidentId);
    var update =
        new IncidentUpdated(UUID.randomUUID(), Instant.now(), incidentId, message, statusUrl);
    kafka
        .executeInTransaction(t -> t.send(Topics.INCIDENTS.name(), update.key(), update))
        .get(10, TimeUnit.SECONDS);
    log.info("incident {} followed up by {}", incidentId, who(responder));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            Map.of(
                "incidentId",
                incidentId,
                "eventId",
                update.eventId().toString(),
                "status",
                "accepted"));
  }

  @PostMapping("/api/incidents/{incidentId}/close")
  ResponseEntity<Map<String, String>> close(
      @PathVariable String incidentId,
      @RequestBody(required = false) CloseIncidentCommand command,
      Authentication responder)
      throws Exception {
    var reason = text(command == null ? null : command.reason());
    InvalidRequestException.checkedText(reason, "reason", MAX_REASON, true);
    requireOpen(incidentId);
    var closure = new IncidentClosed(UUID.randomUUID(), Instant.now(), incidentId, reason);
    // claimed before sending, so two responders closing at once get one closure and one 409
    if (!incidents.claimClosure(closure)) {
      throw new AlreadyClosed(incidentId);
    }
    try {
      kafka
          .executeInTransaction(t -> t.send(Topics.INCIDENTS.name(), closure.key(), closure))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception | Error notWritten) {
      incidents.releaseClosure(closure);
      throw notWritten;
    }
    log.info("incident {} closed by {}", incidentId, who(responder));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("incidentId", incidentId, "status", "accepted"));
  }

  private void requireOpen(String incidentId) {
    if (incidents.incident(incidentId).isEmpty()) {
      throw new NotFoundException("no incident " + incidentId);
    }
    if (incidents.closedAt(incidentId).isPresent()) {
      throw new AlreadyClosed(incidentId);
    }
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String who(Authentication responder) {
    return responder == null ? "anonymous" : responder.getName();
  }

  @ExceptionHandler(AlreadyClosed.class)
  ProblemDetail alreadyClosed(AlreadyClosed e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Incident closed");
    return problem;
  }

  /** Nothing follows a closure: no update reaches anyone, and it cannot be closed twice. */
  static class AlreadyClosed extends RuntimeException {
    AlreadyClosed(String incidentId) {
      super("incident " + incidentId + " is closed");
    }
  }
}
