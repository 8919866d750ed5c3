package alerting.contacts.securitycontacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requests to add someone not yet in the system, kept until worked off so none is lost. */
@Repository
class ContactRequests {
  enum Status {
    RECEIVED,
    COMPLETED,
    REJECTED
  }

  record Request(
      String requestId,
      String tenantId,
      Status status,
      String reason,
      String contactId,
      String command,
      String actorId,
      String actorName,
      Instant createdAt,
      Instant updatedAt) {}

  private static final String COLUMNS =
      "request_id, tenant_id, status, reason, contact_id, command,"
          + " actor_id, actor_name, created_at, updated_at";
  private static final RowMapper<Request> ROW =
      (rs, n) ->
          new Request(
              rs.getString(1),
              rs.getString(2),
              Status.valueOf(rs.getString(3)),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getTimestamp(9).toInstant(),
              rs.getTimestamp(10).toInstant());
  private static final int MAX_REASON = 1000;
  private final JdbcClient jdbc;

  ContactRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(String requestId, String tenantId, String command, String actorId, String actorName) {
    var now = Timestamp.from(Instant.now());
    jdbc.sql(
            "insert into contact_request ("
                + COLUMNS
                + ") values (?, ?, ?, null, null, ?, ?, ?, ?, ?)")
        .params(requestId, tenantId, Status.RECEIVED.name(), command, actorId, actorName, now, now)
        .update();
  }

  Optional<Request> find(String tenantId, String requestId) {
    return jdbc.sql(
            "select " + COLUMNS + " from contact_request where tenant_id = ? and request_id = ?")
        .params(tenantId, requestId)
        .query(ROW)
        .optional();
  }

  List<Request> received(int limit) {
    // the database stops at the limit: a backlog is never read whole to work off a few of it
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from contact_request where status = ? order by created_at"
                + " fetch first ? rows only")
        .params(Status.RECEIVED.name(), limit)
        .query(ROW)
        .list();
  }

  /**
   * Locks the request for the caller's transaction if it is still waiting and no other transaction
   * holds it: two workers, in one service or in two, never work off the same request. A request
   * another worker holds is skipped rather than waited for, and one already finished is not
   * returned. SKIP LOCKED is understood alike by PostgreSQL and by H2 (2.x).
   */
  Optional<Request> claim(String requestId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from contact_request where request_id = ? and status = ?"
                + " for update skip locked")
        .params(requestId, Status.RECEIVED.name())
        .query(ROW)
        .optional();
  }

  void finish(String requestId, Status status, String contactId, String reason) {
    // a reason the column can't hold would leave the request RECEIVED and retried for ever
    var kept =
        reason == null || reason.length() <= MAX_REASON
            ? reason
            : reason.substring(0, MAX_REASON - 1) + "…";
    jdbc.sql(
            "update contact_request set status = ?, contact_id = ?, reason = ?, updated_at = ?"
                + " where request_id = ? and status = ?")
        .params(
            status.name(),
            contactId,
            kept,
            Timestamp.from(Instant.now()),
            requestId,
            Status.RECEIVED.name())
        .update();
  }
}
