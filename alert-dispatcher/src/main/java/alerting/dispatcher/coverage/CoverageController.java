package alerting.dispatcher.coverage;

import alerting.dispatcher.coverage.IncidentCoverage.Counts;
import alerting.dispatcher.coverage.PageRequest.PageInfo;
import alerting.dispatcher.incidents.IncidentLog;
import alerting.dispatcher.system.ForbiddenException;
import alerting.dispatcher.system.NotFoundException;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.IncidentRaised;
import alerting.events.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers "which incidents are there, who has each reached, and who acknowledged?" for responders,
 * a page at a time: an incident may have tens of thousands of alerts.
 */
@RestController
class CoverageController {
  private final AlertStates states;
  private final IncidentLog incidents;
  private final SupportAccessView supportAccess;
  private final Clock clock = Clock.systemUTC();

  CoverageController(AlertStates states, IncidentLog incidents, SupportAccessView supportAccess) {
    this.states = states;
    this.incidents = incidents;
    this.supportAccess = supportAccess;
  }

  record Scope(boolean allTenants, int tenantCount, List<String> tenantIds) {}

  record Totals(long recipients, long acknowledged, long open, long exhausted) {
    static Totals of(Counts c) {
      return new Totals(c.recipients(), c.acknowledged(), c.open(), c.exhausted());
    }
  }

  record IncidentRow(
      String incidentId,
      String title,
      String kind,
      Severity severity,
      Instant raisedAt,
      Scope scope,
      String status,
      Instant closedAt,
      Totals totals) {}

  /** {@code withheld}: incidents left out because they concern a tenant that refuses support. */
  record IncidentList(List<IncidentRow> incidents, PageInfo page, int withheld) {}

  /** The incidents raised, newest first, each with its scope and running totals. */
  @GetMapping("/api/incidents")
  IncidentList incidents(
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      Authentication caller) {
    var request = PageRequest.parse(page, size, 20, 100);
    var blocked = blockedFor(caller);
    var rows = new ArrayList<IncidentRow>();
    var listed = 0L;
    var withheld = 0;
    for (var incident : incidents.newestFirst()) {
      var alerts = states.ofIncident(incident.incidentId());
      if (!refusedTenants(blocked, incident, alerts).isEmpty()) {
        withheld++;
        continue;
      }
      if (request.includes(listed)) {
        rows.add(row(incident, alerts));
      }
      listed++;
    }
    return new IncidentList(rows, request.info(listed), withheld);
  }

  private IncidentRow row(IncidentRaised incident, IncidentAlerts alerts) {
    var scope =
        incident.scope().allTenants()
            ? new Scope(true, alerts.tenants().size(), List.of())
            : new Scope(false, incident.scope().tenantIds().size(), incident.scope().tenantIds());
    var closedAt = incidents.closedAt(incident.incidentId()).orElse(null);
    return new IncidentRow(
        incident.incidentId(),
        incident.title(),
        incident.kind().name(),
        incident.severity(),
        incident.occurredAt(),
        scope,
        closedAt == null ? "OPEN" : "CLOSED",
        closedAt,
        Totals.of(alerts.counts()));
  }

  /** The responder's view of an incident: totals, time to ack, one page of tenant rows. */
  @GetMapping("/api/incidents/{incidentId}")
  IncidentCoverage incident(
      @PathVariable String incidentId,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      @RequestParam(required = false) String q,
      Authentication caller) {
    var request = PageRequest.parse(page, size, 20, 500);
    var alerts = states.ofIncident(incidentId);
    var incident = incidents.incident(incidentId).orElse(null);
    refuseBlockedTenantsToSupport(caller, incident, alerts);
    if (incident == null && alerts.size() == 0) {
      throw new NotFoundException("no incident " + incidentId);
    }
    var text = q == null || q.isBlank() ? null : q.strip();
    return IncidentCoverage.of(
        incidentId,
        incident,
        incidents.closedAt(incidentId).orElse(null),
        alerts,
        IncidentCoverage.tenants(alerts, text, request),
        incidents.unreachable(incidentId),
        clock.instant());
  }

  /**
   * {@code lastChangedAt}: when the alert last changed state; {@code timeToAck} only once acked.
   */
  record AlertLine(
      String alertId,
      String tenantId,
      String tenantName,
      String contactName,
      AlertStatus status,
      int attempt,
      String lastChannel,
      String outcome,
      boolean delivered,
      Duration timeToAck,
      Instant lastChangedAt,
      List<String> reachability) {
    /** {@code reachability}: what verification drills found for this contact, per channel. */
    static AlertLine of(AlertState s, List<String> reachability) {
      var last =
          s.attempts().isEmpty()
              ? null
              : s.attempts().get(s.attempts().size() - 1).channel().name();
      return new AlertLine(
          s.alertId(),
          s.brief().tenantId(),
          s.brief().tenantName(),
          s.brief().contactName(),
          s.status(),
          s.attempt(),
          last,
          s.outcome(),
          IncidentCoverage.delivered(s),
          IncidentCoverage.timeToAck(s),
          s.occurredAt(),
          reachability);
    }
  }

  /**
   * {@code totals} (alerts by status), {@code counts} and {@code channels} (each channel's backlog
   * and ETA) are over the whole incident; {@code matching} and {@code page} over the alerts the
   * filters let through.
   */
  record Coverage(
      String incidentId,
      Map<AlertStatus, Long> totals,
      Counts counts,
      List<ChannelProgress> channels,
      long matching,
      PageInfo page,
      List<AlertLine> alerts) {}

  /** One page of the incident's alerts in board order (tenant, contact), filtered. */
  @GetMapping("/api/incidents/{incidentId}/alerts")
  Coverage coverage(
      @PathVariable String incidentId,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String q,
      Authentication caller) {
    var request = PageRequest.parse(page, size, 50, 500);
    var query = AlertQuery.parse(status, tenant, q);
    var alerts = states.ofIncident(incidentId);
    refuseBlockedTenantsToSupport(caller, incidents.incident(incidentId).orElse(null), alerts);
    var counts = alerts.counts();
    var totals = new EnumMap<AlertStatus, Long>(AlertStatus.class);
    for (var s : AlertStatus.values()) {
      totals.put(s, counts.of(s));
    }
    // without a text filter the number of matches is known up front, so the scan ends with the page
    Long known =
        query.text() != null
            ? null
            : query.tenant() != null
                ? (query.status() == null ? Long.valueOf(alerts.alertsOf(query.tenant())) : null)
                : query.status() != null ? counts.of(query.status()) : counts.recipients();
    var rows = new ArrayList<AlertLine>();
    long matched = 0;
    for (var alert : query.tenant() == null ? alerts.inOrder() : alerts.ofTenant(query.tenant())) {
      if (known != null && request.isPast(matched)) {
        break;
      }
      if (query.matches(alert)) {
        if (request.includes(matched)) {
          rows.add(
              AlertLine.of(
                  alert,
                  states.reachabilityOf(alert.brief().tenantId(), alert.brief().contactId())));
        }
        matched++;
      }
    }
    var total = known != null ? known : matched;
    return new Coverage(
        incidentId,
        totals,
        counts,
        alerts.channels(clock.instant()),
        total,
        request.info(total),
        rows);
  }

  /** Support staff may not read the data of a tenant that blocked Customer Support Access. */
  private void refuseBlockedTenantsToSupport(
      Authentication caller, IncidentRaised incident, IncidentAlerts alerts) {
    var refused = refusedTenants(blockedFor(caller), incident, alerts);
    if (!refused.isEmpty()) {
      throw new ForbiddenException(
          "support access is disabled by the tenant " + String.join(", ", refused));
    }
  }

  /**
   * The tenants that blocked support access, if the token carries SUPPORT; else none. SUPPORT wins
   * over RESPONDER, PLATFORM and any tenant claim: the tenant was promised that no support person
   * reads its data, and a security lead would call a role that lifts that promise a hole, not a
   * feature. Someone who also responds uses a token without SUPPORT for that work.
   */
  private List<String> blockedFor(Authentication caller) {
    if (caller == null) {
      return List.of();
    }
    var roles = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    return roles.contains("ROLE_SUPPORT") ? supportAccess.blockedTenants() : List.of();
  }

  private static List<String> refusedTenants(
      List<String> blocked, IncidentRaised incident, IncidentAlerts alerts) {
    return blocked.stream()
        .filter(
            t ->
                alerts.alertsOf(t) > 0
                    || (incident != null && incident.scope().tenantIds().contains(t)))
        .toList();
  }
}
