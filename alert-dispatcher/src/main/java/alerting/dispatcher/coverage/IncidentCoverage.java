package alerting.dispatcher.coverage;

import alerting.dispatcher.coverage.PageRequest.PageInfo;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.IncidentRaised;
import alerting.events.Severity;
import alerting.events.TenantUnreachable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a responder watches during an incident: how many people it should reach, how many were
 * asked, reached, acknowledged, are still open or were given up on, how fast acks come, how far
 * each channel is through its backlog and when everyone will have been tried, the same per tenant
 * (one page of tenants at a time), and the tenants nobody could be alerted at. {@code kind}, {@code
 * severity}, {@code raisedAt} and {@code status} are null when the incident is known only from its
 * alerts.
 */
record IncidentCoverage(
    String incidentId,
    String title,
    String kind,
    Severity severity,
    Instant raisedAt,
    String status,
    Instant closedAt,
    Counts totals,
    TimeToAck timeToAck,
    List<ChannelProgress> channels,
    List<TenantRow> tenants,
    PageInfo tenantsPage,
    List<Unreachable> unreachableTenants) {

  /**
   * recipients: alerts opened; requested: at least one attempt asked of a channel; delivered: a
   * provider accepted at least one attempt — its last status is SENT or a later success (DELIVERED,
   * SEEN), not a failure (FAILED, UNDELIVERED, NO_ANSWER, BUSY, MACHINE_ANSWERED) — or the contact
   * acknowledged; then one count per alert status.
   */
  record Counts(
      long recipients,
      long requested,
      long delivered,
      long acknowledged,
      long open,
      long exhausted,
      long closed) {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

    static Counts of(Collection<AlertState> alerts) {
      var counts = NONE;
      for (var alert : alerts) {
        counts = counts.plus(alert);
      }
      return counts;
    }

    Counts plus(AlertState alert) {
      return add(alert, 1);
    }

    Counts minus(AlertState alert) {
      return add(alert, -1);
    }

    long of(AlertStatus status) {
      return switch (status) {
        case OPEN -> open;
        case ACKNOWLEDGED -> acknowledged;
        case EXHAUSTED -> exhausted;
        case CLOSED -> closed;
      };
    }

    private Counts add(AlertState a, int n) {
      var s = a.status();
      return new Counts(
          recipients + n,
          requested + (a.attempts().isEmpty() ? 0 : n),
          delivered + (IncidentCoverage.delivered(a) ? n : 0),
          acknowledged + (s == AlertStatus.ACKNOWLEDGED ? n : 0),
          open + (s == AlertStatus.OPEN ? n : 0),
          exhausted + (s == AlertStatus.EXHAUSTED ? n : 0),
          closed + (s == AlertStatus.CLOSED ? n : 0));
    }
  }

  /** Time from the first attempt to the ack, over the acknowledged alerts. */
  record TimeToAck(long count, Duration p50, Duration p90, Duration p99, Duration max) {
    static final TimeToAck NONE = new TimeToAck(0, null, null, null, null);

    static TimeToAck of(Collection<AlertState> alerts) {
      var times =
          alerts.stream()
              .map(IncidentCoverage::timeToAck)
              .filter(Objects::nonNull)
              .sorted()
              .toList();
      if (times.isEmpty()) {
        return NONE;
      }
      return new TimeToAck(
          times.size(),
          percentile(times, 50),
          percentile(times, 90),
          percentile(times, 99),
          times.get(times.size() - 1));
    }
  }

  record TenantRow(String tenantId, String tenantName, Counts counts, TimeToAck timeToAck) {}

  record Unreachable(String tenantId, String tenantName, String reason) {}

  record TenantPage(List<TenantRow> rows, PageInfo page) {}

  static IncidentCoverage of(
      String incidentId,
      IncidentRaised incident,
      Instant closedAt,
      IncidentAlerts alerts,
      TenantPage tenants,
      List<TenantUnreachable> unreachable,
      Instant now) {
    var first = alerts.first();
    var title = incident != null ? incident.title() : first == null ? null : first.brief().title();
    return new IncidentCoverage(
        incidentId,
        title,
        incident == null ? null : incident.kind().name(),
        incident == null ? null : incident.severity(),
        incident == null ? null : incident.occurredAt(),
        incident == null ? null : closedAt == null ? "OPEN" : "CLOSED",
        closedAt,
        alerts.counts(),
        alerts.timeToAck(),
        alerts.channels(now),
        tenants.rows(),
        tenants.page(),
        unreachable.stream()
            .map(u -> new Unreachable(u.tenantId(), u.tenantName(), u.reason()))
            .toList());
  }

  /**
   * One page of per-tenant rows, tenants in id order, only those whose id or name contains {@code
   * text} (ignoring case) when given. Without text it stops once the page is full.
   */
  static TenantPage tenants(IncidentAlerts alerts, String text, PageRequest page) {
    var rows = new ArrayList<TenantRow>();
    long matched = 0;
    String tenant = null;
    List<AlertState> group = null;
    for (var alert : alerts.inOrder()) {
      var tenantId = alert.brief().tenantId();
      if (!tenantId.equals(tenant)) {
        addRow(rows, group);
        group = null;
        tenant = tenantId;
        if (text == null && page.isPast(matched)) {
          return new TenantPage(rows, page.info(alerts.tenants().size()));
        }
        if (AlertQuery.contains(tenantId, text)
            || AlertQuery.contains(alert.brief().tenantName(), text)) {
          group = page.includes(matched) ? new ArrayList<>() : null;
          matched++;
        }
      }
      if (group != null) {
        group.add(alert);
      }
    }
    addRow(rows, group);
    return new TenantPage(rows, page.info(matched));
  }

  private static void addRow(List<TenantRow> rows, List<AlertState> group) {
    if (group != null && !group.isEmpty()) {
      var brief = group.get(0).brief();
      rows.add(
          new TenantRow(
              brief.tenantId(), brief.tenantName(), Counts.of(group), TimeToAck.of(group)));
    }
  }

  /** Whether a provider accepted an attempt of this alert, or its contact acknowledged it. */
  static boolean delivered(AlertState alert) {
    if (alert.status() == AlertStatus.ACKNOWLEDGED) {
      return true;
    }
    for (AttemptRecord attempt : alert.attempts()) {
      if (attempt.lastStatus() != null && attempt.lastStatus().wasHandedOver()) {
        return true;
      }
    }
    return false;
  }

  static Duration timeToAck(AlertState alert) {
    if (alert.status() != AlertStatus.ACKNOWLEDGED
        || alert.acknowledgment() == null
        || alert.attempts().isEmpty()
        || alert.attempts().get(0).requestedAt() == null) {
      return null;
    }
    return Duration.between(
        alert.attempts().get(0).requestedAt(), alert.acknowledgment().occurredAt());
  }

  /** Nearest-rank percentile. */
  private static Duration percentile(List<Duration> sorted, int p) {
    var rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
