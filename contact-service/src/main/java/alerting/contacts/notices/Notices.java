package alerting.contacts.notices;

import alerting.events.NoticePublished;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Notices {
  record Notice(
      String noticeId,
      String incidentId,
      String kind,
      String severity,
      String title,
      String body,
      String statusUrl,
      Instant publishedAt) {}

  private final JdbcClient jdbc;

  Notices(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Shows {@code n} in place of the tenant's earlier notices whose id starts with {@code series} (a
   * reminder replacing the one before), which are dismissed by "system".
   */
  public void replace(String series, NoticePublished n) {
    clear(n.tenantId(), series);
    store(n);
  }

  /** Dismisses, by "system", the tenant's notices whose id starts with {@code series}. */
  public void clear(String tenantId, String series) {
    jdbc.sql(
            "update notice set dismissed_at = ?, dismissed_by = 'system' where tenant_id = ?"
                + " and notice_id like ? and dismissed_at is null")
        .params(Timestamp.from(Instant.now()), tenantId, series + "%")
        .update();
  }

  /** Stores a notice once: a redelivered record changes nothing. */
  public void store(NoticePublished n) {
    var known =
        jdbc.sql("select count(*) from notice where notice_id = ?")
            .param(n.noticeId())
            .query(Integer.class)
            .single();
    if (known > 0) {
      return;
    }
    jdbc.sql(
            "insert into notice (notice_id, tenant_id, incident_id, kind, severity, title, body,"
                + " status_url, published_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            n.noticeId(),
            n.tenantId(),
            n.incidentId(),
            n.kind().name(),
            n.severity() == null ? null : n.severity().name(),
            n.title(),
            n.body(),
            n.statusUrl(),
            Timestamp.from(n.occurredAt()))
        .update();
  }

  List<Notice> active(String tenantId) {
    return jdbc.sql(
            "select notice_id, incident_id, kind, severity, title, body, status_url, published_at"
                + " from notice where tenant_id = ? and dismissed_at is null order by published_at desc")
        .param(tenantId)
        .query(
            (rs, i) ->
                new Notice(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getTimestamp(8).toInstant()))
        .list();
  }

  boolean dismiss(String tenantId, String noticeId, String by) {
    return jdbc.sql(
                    "update notice set dismissed_at = ?, dismissed_by = ? where tenant_id = ? and notice_id = ?"
                        + " and dismissed_at is null")
                .params(Timestamp.from(Instant.now()), by, tenantId, noticeId)
                .update()
            > 0
        || jdbc.sql("select count(*) from notice where tenant_id = ? and notice_id = ?")
                .params(tenantId, noticeId)
                .query(Integer.class)
                .single()
            > 0;
  }
}
