package alerting.dispatcher.incidents;

import alerting.dispatcher.system.InvalidRequestException;
import alerting.events.Event;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Responders raise incidents here; the incident is written to {@code incidents.v1} and fanned
 * out from there, exactly as one produced straight to the topic would be.
 */
@RestController
class IncidentController {
  private final KafkaTemplate<String, Event> kafka;

  IncidentController(KafkaTemplate<String, Event> kafka) {
    this.kafka = kafka;
  }

  record RaiseIncidentCommand(String kind, String severity, String title, String summary,
      String statusUrl, List<String> tenantIds, Boolean allTenants) {}

  @PostMapping("/api/incidents")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> raise(@RequestBody RaiseIncidentCommand command) throws Exception {
    var incident = toEvent(command);
    kafka.executeInTransaction(t -> t.send(Topics.INCIDENTS.name(), incident.key(), incident))
        .get(10, TimeUnit.SECONDS);
    return Map.of("incidentId", incident.incidentId(), "status", "accepted");
  }

  private static IncidentRaised toEvent(RaiseIncidentCommand c) {
    var scope = Boolean.TRUE.equals(c.allTenants())
        ? new IncidentScope(true, List.of())
        : new IncidentScope(false, c.tenantIds());
    return new IncidentRaised(UUID.randomUUID(), Instant.now(), "inc-" + UUID.randomUUID(),
        parse(IncidentKind.class, c.kind() == null ? "SECURITY_CONCERN" : c.kind(), "kind"),
        parse(Severity.class, c.severity(), "severity"), c.title(), c.summary(), c.statusUrl(), scope);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field + " is required");
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("unknown " + field + " '" + value + "'; use one of "
          + List.of(type.getEnumConstants()));
    }
  }
}
