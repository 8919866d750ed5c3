package alerting.contacts.verification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which tenants at risk were asked to review their contacts, how often and when last. */
@Repository
class NudgeRecords {
  private final JdbcClient jdbc;

  NudgeRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Nudge(int reminders, Instant lastAt) {}

  /** Every tenant's nudge, by tenant id: one query for a run over all tenants. */
  Map<String, Nudge> all() {
    var all = new HashMap<String, Nudge>();
    jdbc.sql("select tenant_id, reminders, last_at from review_nudge")
        .query(
            rs -> {
              all.put(rs.getString(1), new Nudge(rs.getInt(2), rs.getTimestamp(3).toInstant()));
            });
    return all;
  }

  Optional<Nudge> find(String tenantId) {
    return jdbc.sql("select reminders, last_at from review_nudge where tenant_id = ?")
        .param(tenantId)
        .query((rs, n) -> new Nudge(rs.getInt(1), rs.getTimestamp(2).toInstant()))
        .optional();
  }

  /**
   * Takes the next reminder: true when this call took it, false when another instance did first
   * (the first one's insert fails on the key; a later one's update finds the count moved on).
   */
  boolean claim(String tenantId, Optional<Nudge> seen, Instant now) {
    if (seen.isEmpty()) {
      return jdbc.sql(
                  "insert into review_nudge (tenant_id, reminders, first_at, last_at)"
                      + " select ?, 1, ?, ? where not exists"
                      + " (select 1 from review_nudge where tenant_id = ?)")
              .params(tenantId, Timestamp.from(now), Timestamp.from(now), tenantId)
              .update()
          == 1;
    }
    return jdbc.sql(
                "update review_nudge set reminders = reminders + 1, last_at = ?"
                    + " where tenant_id = ? and reminders = ?")
            .params(Timestamp.from(now), tenantId, seen.get().reminders())
            .update()
        == 1;
  }

  /** The tenant is no longer at risk: the next time it is, the reminders start over. */
  boolean clear(String tenantId) {
    return jdbc.sql("delete from review_nudge where tenant_id = ?").param(tenantId).update() > 0;
  }
}
