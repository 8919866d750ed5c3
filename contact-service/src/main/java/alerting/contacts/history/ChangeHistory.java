package alerting.contacts.history;

import alerting.events.Actor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Written in the same transaction as the change it describes, so the two never disagree. */
@Repository
public class ChangeHistory {
  private final JdbcClient jdbc;

  ChangeHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Entry(
      Instant occurredAt,
      String actorId,
      String actorName,
      String action,
      String contactId,
      String summary) {}

  public void record(
      String tenantId, Actor actor, String action, String contactId, String summary, Instant at) {
    jdbc.sql(
            "insert into change_history (tenant_id, occurred_at, actor_id, actor_name, action,"
                + " contact_id, summary) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            tenantId,
            Timestamp.from(at),
            actor.userId(),
            actor.displayName(),
            action,
            contactId,
            summary)
        .update();
  }

  /** Newest first. */
  public List<Entry> of(String tenantId) {
    return jdbc.sql(
            "select occurred_at, actor_id, actor_name, action, contact_id, summary"
                + " from change_history where tenant_id = ? order by occurred_at desc, entry_id desc")
        .param(tenantId)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getTimestamp(1).toInstant(),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }
}
