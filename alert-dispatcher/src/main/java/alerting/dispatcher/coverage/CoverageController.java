package alerting.dispatcher.coverage;

import alerting.dispatcher.incidents.IncidentLog;
import alerting.dispatcher.system.ForbiddenException;
import alerting.dispatcher.system.NotFoundException;
import alerting.events.AlertState;
import alerting.events.IncidentRaised;
import alerting.events.AlertStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Answers "who has this incident reached, and who acknowledged?" for responders. */
@RestController
class CoverageController {
  private final AlertStates states;
  private final IncidentLog incidents;
  private final SupportAccessView supportAccess;

  CoverageController(AlertStates states, IncidentLog incidents, SupportAccessView supportAccess) {
    this.states = states;
    this.incidents = incidents;
    this.supportAccess = supportAccess;
  }

  /** Support staff may not read the data of a tenant that blocked Customer Support Access. */
  private void refuseBlockedTenantsToSupport(Authentication caller, String incidentId, List<AlertState> alerts) {
    var roles = caller.getAuthorities().stream().map(a -> a.getAuthority()).toList();
    if (!roles.contains("ROLE_SUPPORT") || roles.contains("ROLE_RESPONDER") || roles.contains("ROLE_PLATFORM")) {
      return;
    }
    var tenants = new java.util.ArrayList<>(alerts.stream().map(a -> a.brief().tenantId()).toList());
    incidents.incident(incidentId).ifPresent(i -> tenants.addAll(i.scope().tenantIds()));
    var blocked = supportAccess.blocked(tenants);
    if (!blocked.isEmpty()) {
      throw new ForbiddenException("support access is disabled by the tenant " + String.join(", ", blocked));
    }
  }

  /** The responder's view of an incident: totals, time to ack, one row per tenant. */
  @GetMapping("/api/incidents/{incidentId}")
  IncidentCoverage incident(@PathVariable String incidentId, Authentication caller) {
    var alerts = states.ofIncident(incidentId);
    refuseBlockedTenantsToSupport(caller, incidentId, alerts);
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
  Coverage coverage(@PathVariable String incidentId, Authentication caller) {
    var alerts = states.ofIncident(incidentId);
    refuseBlockedTenantsToSupport(caller, incidentId, alerts);
    var totals = Arrays.stream(AlertStatus.values()).collect(Collectors.toMap(Function.identity(),
        status -> alerts.stream().filter(a -> a.status() == status).count()));
    return new Coverage(incidentId, totals, alerts.stream().map(AlertLine::of).toList());
  }
}
