package alerting.dispatcher.coverage;

import alerting.dispatcher.incidents.IncidentLog;
import alerting.dispatcher.system.NotFoundException;
import alerting.events.AlertState;
import alerting.events.IncidentRaised;
import alerting.events.AlertStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Answers "who has this incident reached, and who acknowledged?" for responders. */
@RestController
class CoverageController {
  private final AlertStates states;
  private final IncidentLog incidents;

  CoverageController(AlertStates states, IncidentLog incidents) {
    this.states = states;
    this.incidents = incidents;
  }

  /** The responder's view of an incident: totals, time to ack, one row per tenant. */
  @GetMapping("/api/incidents/{incidentId}")
  IncidentCoverage incident(@PathVariable String incidentId) {
    var alerts = states.ofIncident(incidentId);
    var incident = incidents.incident(incidentId);
    if (incident.isEmpty() && alerts.isEmpty()) {
      throw new NotFoundException("no incident " + incidentId);
    }
    var title = incident.map(IncidentRaised::title)
        .orElseGet(() -> alerts.get(0).brief().title());
    return IncidentCoverage.of(incidentId, title, alerts, incidents.unreachable(incidentId));
  }

  record AlertLine(String alertId, String tenantId, String contactName, AlertStatus status,
      int attempt, String lastChannel, String outcome) {
    static AlertLine of(AlertState s) {
      var last = s.attempts().isEmpty() ? null : s.attempts().get(s.attempts().size() - 1).channel().name();
      return new AlertLine(s.alertId(), s.brief().tenantId(), s.brief().contactName(), s.status(),
          s.attempt(), last, s.outcome());
    }
  }

  record Coverage(String incidentId, Map<AlertStatus, Long> totals, List<AlertLine> alerts) {}

  @GetMapping("/api/incidents/{incidentId}/alerts")
  Coverage coverage(@PathVariable String incidentId) {
    var alerts = states.ofIncident(incidentId);
    var totals = Arrays.stream(AlertStatus.values()).collect(Collectors.toMap(Function.identity(),
        status -> alerts.stream().filter(a -> a.status() == status).count()));
    return new Coverage(incidentId, totals, alerts.stream().map(AlertLine::of).toList());
  }
}
