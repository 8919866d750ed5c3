package alerting.dispatcher.coverage;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.DeliveryStatus;
import alerting.events.TenantUnreachable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a responder watches during an incident: how many people it should reach, how many were
 * asked, reached, acknowledged, are still open or were given up on, how fast acks come, and the
 * same per tenant, with the tenants nobody could be alerted at.
 */
record IncidentCoverage(String incidentId, String title, Counts totals, TimeToAck timeToAck,
    List<TenantRow> tenants, List<Unreachable> unreachableTenants) {

  /**
   * recipients: alerts opened; requested: at least one attempt asked of a channel; delivered: a
   * provider confirmed delivery, the contact opened the link, or acknowledged.
   */
  record Counts(long recipients, long requested, long delivered, long acknowledged, long open,
      long exhausted, long closed) {
    static Counts of(List<AlertState> alerts) {
      return new Counts(alerts.size(),
          alerts.stream().filter(a -> !a.attempts().isEmpty()).count(),
          alerts.stream().filter(IncidentCoverage::delivered).count(),
          count(alerts, AlertStatus.ACKNOWLEDGED), count(alerts, AlertStatus.OPEN),
          count(alerts, AlertStatus.EXHAUSTED), count(alerts, AlertStatus.CLOSED));
    }
  }

  /** Time from the first attempt to the ack, over the acknowledged alerts. */
  record TimeToAck(long count, Duration p50, Duration p90, Duration p99, Duration max) {
    static TimeToAck of(List<AlertState> alerts) {
      var times = alerts.stream().map(IncidentCoverage::timeToAck).filter(Objects::nonNull)
          .sorted().toList();
      if (times.isEmpty()) {
        return new TimeToAck(0, null, null, null, null);
      }
      return new TimeToAck(times.size(), percentile(times, 50), percentile(times, 90),
          percentile(times, 99), times.get(times.size() - 1));
    }
  }

  record TenantRow(String tenantId, String tenantName, Counts counts, TimeToAck timeToAck) {}

  record Unreachable(String tenantId, String tenantName, String reason) {}

  static IncidentCoverage of(String incidentId, String title, List<AlertState> alerts,
      List<TenantUnreachable> unreachable) {
    Map<String, List<AlertState>> byTenant = alerts.stream().collect(Collectors.groupingBy(
        a -> a.brief().tenantId(), LinkedHashMap::new, Collectors.toList()));
    var rows = new ArrayList<TenantRow>();
    byTenant.forEach((tenantId, tenantAlerts) -> rows.add(new TenantRow(tenantId,
        tenantAlerts.get(0).brief().tenantName(), Counts.of(tenantAlerts), TimeToAck.of(tenantAlerts))));
    rows.sort(Comparator.comparing(TenantRow::tenantId));
    return new IncidentCoverage(incidentId, title, Counts.of(alerts), TimeToAck.of(alerts), rows,
        unreachable.stream().map(u -> new Unreachable(u.tenantId(), u.tenantName(), u.reason())).toList());
  }

  private static long count(List<AlertState> alerts, AlertStatus status) {
    return alerts.stream().filter(a -> a.status() == status).count();
  }

  private static boolean delivered(AlertState alert) {
    return alert.status() == AlertStatus.ACKNOWLEDGED || alert.attempts().stream()
        .map(AttemptRecord::lastStatus)
        .anyMatch(s -> s == DeliveryStatus.DELIVERED || s == DeliveryStatus.SEEN);
  }

  private static Duration timeToAck(AlertState alert) {
    if (alert.status() != AlertStatus.ACKNOWLEDGED || alert.acknowledgment() == null
        || alert.attempts().isEmpty() || alert.attempts().get(0).requestedAt() == null) {
      return null;
    }
    return Duration.between(alert.attempts().get(0).requestedAt(), alert.acknowledgment().occurredAt());
  }

  /** Nearest-rank percentile. */
  private static Duration percentile(List<Duration> sorted, int p) {
    var rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
