package alerting.contacts.verification;

import alerting.contacts.verification.VerificationDrills.Drill;
import alerting.events.VerificationRequested.Target;
import alerting.events.VerificationRequested.Trigger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The drills and, for each, which alert verifies which method. */
@Repository
class DrillRecords {
  private final JdbcClient jdbc;

  DrillRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * {@code slot}: a scheduled drill's slot, null for one a person started; a second drill of the
   * same slot (another instance's schedule) fails on the unique index and rolls back.
   */
  void add(Drill drill, Instant slot, List<Target> targets) {
    jdbc.sql(
            "insert into verification_drill (drill_id, tenant_id, trigger_kind, requested_by,"
                + " requested_at, slot_at) values (?, ?, ?, ?, ?, ?)")
        .params(
            drill.drillId(),
            drill.tenantId(),
            drill.trigger().name(),
            drill.requestedBy(),
            Timestamp.from(drill.requestedAt()),
            slot == null ? null : Timestamp.from(slot))
        .update();
    for (var target : targets) {
      jdbc.sql(
              "insert into verification_target (alert_id, drill_id, tenant_id, contact_id,"
                  + " channel, address) values (?, ?, ?, ?, ?, ?)")
          .params(
              target.alertId(drill.drillId(), drill.tenantId()),
              drill.drillId(),
              drill.tenantId(),
              target.contactId(),
              target.method().channel().name(),
              target.method().address())
          .update();
    }
  }

  /** Whether the tenant had a drill (scheduled or not) at or after {@code since}. */
  boolean drilledSince(String tenantId, Instant since) {
    return jdbc.sql(
                "select count(*) from verification_drill where tenant_id = ? and requested_at >= ?")
            .params(tenantId, Timestamp.from(since))
            .query(Integer.class)
            .single()
        > 0;
  }

  List<Drill> recent(String tenantId, int limit) {
    return jdbc.sql(
            "select d.drill_id, d.trigger_kind, d.requested_by, d.requested_at,"
                + " (select count(*) from verification_target t where t.drill_id = d.drill_id)"
                + " from verification_drill d where d.tenant_id = ?"
                + " order by d.requested_at desc, d.drill_id limit ?")
        .params(tenantId, limit)
        .query(
            (rs, n) ->
                new Drill(
                    rs.getString(1),
                    tenantId,
                    Trigger.valueOf(rs.getString(2)),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant(),
                    rs.getInt(5)))
        .list();
  }
}
