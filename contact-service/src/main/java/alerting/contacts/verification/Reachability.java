package alerting.contacts.verification;

import alerting.contacts.verification.ReachabilityPolicy.Finding;
import alerting.contacts.verification.ReachabilityPolicy.Outcome;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each method's findings, from the states of its verification alerts. A state counts only for the
 * method's latest drill (or a newer one), so a late state of an old drill never overwrites a newer
 * drill's; an acknowledgment is kept across drills until a later one replaces it.
 */
@Repository
class Reachability {
  private static final Logger log = LoggerFactory.getLogger(Reachability.class);
  private final JdbcClient jdbc;

  Reachability(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Target(String tenantId, String contactId, ContactMethod method, Instant requestedAt) {}

  /** Records what the state says about its method; false when the alert is no drill of ours. */
  @Transactional
  boolean record(AlertState state) {
    var target = target(state.alertId());
    if (target.isEmpty()) {
      log.debug("verification alert {} is not one of this service's drills", state.alertId());
      return false;
    }
    var t = target.get();
    var drillId = state.brief().correlation().verificationOf().orElseThrow();
    var finding = finding(drillId, t.requestedAt(), state);
    var current = current(t).orElse(null);
    if (current != null && current.lastRequestedAt().isAfter(t.requestedAt())) {
      return true;
    }
    var acked =
        current != null
                && current.lastAcknowledgedAt() != null
                && (finding.lastAcknowledgedAt() == null
                    || current.lastAcknowledgedAt().isAfter(finding.lastAcknowledgedAt()))
            ? current
            : finding;
    var delivered =
        finding.lastDeliveredAt() != null || current == null
            ? finding.lastDeliveredAt()
            : current.lastDeliveredAt();
    var params =
        new Object[] {
          drillId,
          Timestamp.from(t.requestedAt()),
          finding.lastOutcome().name(),
          delivered == null ? null : Timestamp.from(delivered),
          acked.lastAcknowledgedAt() == null ? null : Timestamp.from(acked.lastAcknowledgedAt()),
          acked.timeToAck() == null ? null : acked.timeToAck().toMillis(),
          finding.failureReason(),
          t.tenantId(),
          t.contactId(),
          t.method().channel().name(),
          t.method().address()
        };
    var updated =
        jdbc.sql(
                "update method_reachability set last_drill_id = ?, last_requested_at = ?,"
                    + " last_outcome = ?, last_delivered_at = ?, last_acknowledged_at = ?,"
                    + " time_to_ack_ms = ?, failure_reason = ?"
                    + " where tenant_id = ? and contact_id = ? and channel = ? and address = ?")
            .params(params)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into method_reachability (last_drill_id, last_requested_at, last_outcome,"
                  + " last_delivered_at, last_acknowledged_at, time_to_ack_ms, failure_reason,"
                  + " tenant_id, contact_id, channel, address)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(params)
          .update();
    }
    return true;
  }

  private static final String FINDING_COLUMNS =
      "contact_id, channel, address, last_drill_id, last_requested_at, last_outcome,"
          + " last_delivered_at, last_acknowledged_at, time_to_ack_ms, failure_reason";

  /** The findings of a tenant's methods, by contact id and method. */
  Map<String, Map<ContactMethod, Finding>> findings(String tenantId) {
    var all = new HashMap<String, Map<ContactMethod, Finding>>();
    jdbc.sql("select " + FINDING_COLUMNS + " from method_reachability where tenant_id = ?")
        .param(tenantId)
        .query(
            rs -> {
              all.computeIfAbsent(rs.getString(1), c -> new HashMap<>())
                  .put(
                      new ContactMethod(Channel.valueOf(rs.getString(2)), rs.getString(3)),
                      read(rs));
            });
    return all;
  }

  /** Every tenant's findings, by tenant id, contact id and method: one query for the platform. */
  Map<String, Map<String, Map<ContactMethod, Finding>>> allFindings() {
    var all = new HashMap<String, Map<String, Map<ContactMethod, Finding>>>();
    jdbc.sql("select " + FINDING_COLUMNS + ", tenant_id from method_reachability")
        .query(
            rs -> {
              all.computeIfAbsent(rs.getString(11), t -> new HashMap<>())
                  .computeIfAbsent(rs.getString(1), c -> new HashMap<>())
                  .put(
                      new ContactMethod(Channel.valueOf(rs.getString(2)), rs.getString(3)),
                      read(rs));
            });
    return all;
  }

  private Optional<Finding> current(Target t) {
    return jdbc.sql(
            "select "
                + FINDING_COLUMNS
                + " from method_reachability"
                + " where tenant_id = ? and contact_id = ? and channel = ? and address = ?")
        .params(t.tenantId(), t.contactId(), t.method().channel().name(), t.method().address())
        .query((rs, n) -> read(rs))
        .optional();
  }

  private static Finding read(ResultSet rs) throws SQLException {
    return new Finding(
        rs.getString(4),
        instant(rs, 5),
        Outcome.valueOf(rs.getString(6)),
        instant(rs, 7),
        instant(rs, 8),
        rs.getObject(9) == null ? null : Duration.ofMillis(rs.getLong(9)),
        rs.getString(10));
  }

  private Optional<Target> target(String alertId) {
    return jdbc.sql(
            "select t.tenant_id, t.contact_id, t.channel, t.address, d.requested_at"
                + " from verification_target t join verification_drill d on d.drill_id = t.drill_id"
                + " where t.alert_id = ?")
        .param(alertId)
        .query(
            (rs, n) ->
                new Target(
                    rs.getString(1),
                    rs.getString(2),
                    new ContactMethod(Channel.valueOf(rs.getString(3)), rs.getString(4)),
                    instant(rs, 5)))
        .optional();
  }

  /** What one state of a verification alert (one method, one attempt) says. */
  static Finding finding(String drillId, Instant requestedAt, AlertState state) {
    var attempt = state.attempts().stream().filter(a -> a.attempt() == 1).findFirst();
    var sentAt = attempt.map(AttemptRecord::sentAt).orElse(null);
    var failed =
        attempt.map(AttemptRecord::lastStatus).map(DeliveryStatus::isFailure).orElse(false);
    var delivered = failed ? null : sentAt;
    if (state.status() == AlertStatus.ACKNOWLEDGED && state.acknowledgment() != null) {
      var at = state.acknowledgment().occurredAt();
      return new Finding(
          drillId,
          requestedAt,
          Outcome.ACKNOWLEDGED,
          delivered == null ? at : delivered,
          at,
          sentAt == null ? null : Duration.between(sentAt, at),
          null);
    }
    if (failed) {
      var why =
          attempt
              .map(AttemptRecord::reason)
              .filter(r -> !r.isBlank())
              .orElseGet(() -> attempt.get().lastStatus().name().toLowerCase().replace('_', ' '));
      return new Finding(drillId, requestedAt, Outcome.FAILED, null, null, null, why);
    }
    if (state.status() == AlertStatus.OPEN) {
      return new Finding(drillId, requestedAt, Outcome.PENDING, delivered, null, null, null);
    }
    // EXHAUSTED without a failure report (or CLOSED): handed over, or stuck in the queue,
    // unanswered
    var why = attempt.map(AttemptRecord::reason).orElse(null);
    return new Finding(drillId, requestedAt, Outcome.UNANSWERED, delivered, null, null, why);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    var value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
