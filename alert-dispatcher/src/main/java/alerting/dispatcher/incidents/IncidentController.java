package alerting.dispatcher.incidents;

import alerting.dispatcher.recipients.ContactDirectory;
import alerting.dispatcher.system.InvalidRequestException;
import alerting.events.Event;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.IncidentText;
import alerting.events.Severity;
import alerting.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Responders raise incidents here; the incident is written to {@code incidents.v1} and fanned out
 * from there, exactly as one produced straight to the topic would be. The same {@code
 * Idempotency-Key} from the same responder always names the same incident, so a retried request
 * answers with it and opens nothing new.
 */
@RestController
class IncidentController {
  /** contact-service keeps each tenant admin's banner in notice.title and notice.body. */
  static final int MAX_TITLE = IncidentText.MAX_TITLE;

  static final int MAX_SUMMARY = IncidentText.MAX_SUMMARY;
  private final KafkaTemplate<String, Event> kafka;
  private final ContactDirectory directory;
  private final IncidentLog incidents;

  IncidentController(
      KafkaTemplate<String, Event> kafka, ContactDirectory directory, IncidentLog incidents) {
    this.kafka = kafka;
    this.directory = directory;
    this.incidents = incidents;
  }

  record RaiseIncidentCommand(
      String kind,
      String severity,
      String title,
      String summary,
      String statusUrl,
      List<String> tenantIds,
      Boolean allTenants) {}

  @PostMapping("/api/incidents")
  ResponseEntity<Map<String, String>> raise(
      @RequestBody RaiseIncidentCommand command,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Authentication responder)
      throws Exception {
    var incidentId = incidentId(idempotencyKey, responder);
    if (incidents.incident(incidentId).isPresent()) {
      return ResponseEntity.ok(Map.of("incidentId", incidentId, "status", "already accepted"));
    }
    var incident = toEvent(incidentId, command);
    var unknown =
        incident.scope().tenantIds().stream().filter(id -> directory.tenant(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(
          "tenantIds",
          "unknown tenant(s) "
              + unknown
              + ": no contacts on record; check the ids with contact-service");
    }
    kafka
        .executeInTransaction(t -> t.send(Topics.INCIDENTS.name(), incident.key(), incident))
        .get(10, TimeUnit.SECONDS);
    incidents.accepted(incident);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("incidentId", incident.incidentId(), "status", "accepted"));
  }

  private static String incidentId(String idempotencyKey, Authentication responder) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return "inc-" + UUID.randomUUID();
    }
    var who = responder == null ? "anonymous" : responder.getName();
    return "inc-"
        + UUID.nameUUIDFromBytes(
            (who + "\n" + idempotencyKey.strip()).getBytes(StandardCharsets.UTF_8));
  }

  private static IncidentRaised toEvent(String incidentId, RaiseIncidentCommand c) {
    var all = Boolean.TRUE.equals(c.allTenants());
    if (!all && (c.tenantIds() == null || c.tenantIds().isEmpty())) {
      throw new InvalidRequestException(
          "tenantIds", "scope is required: list tenantIds, or set allTenants to true");
    }
    if (c.title() == null || c.title().isBlank()) {
      throw new InvalidRequestException("title", "is required and must not be blank");
    }
    InvalidRequestException.checkedText(c.title(), "title", MAX_TITLE, false);
    InvalidRequestException.checkedText(c.summary(), "summary", MAX_SUMMARY, true);
    var scope = all ? new IncidentScope(true, List.of()) : new IncidentScope(false, c.tenantIds());
    return new IncidentRaised(
        UUID.randomUUID(),
        Instant.now(),
        incidentId,
        parse(IncidentKind.class, c.kind() == null ? "SECURITY_CONCERN" : c.kind(), "kind"),
        parse(Severity.class, c.severity(), "severity"),
        c.title(),
        c.summary(),
        StatusPage.checked(c.statusUrl()),
        scope);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field, "is required");
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          field,
          "unknown " + field + " '" + value + "'; use one of " + List.of(type.getEnumConstants()));
    }
  }
}
