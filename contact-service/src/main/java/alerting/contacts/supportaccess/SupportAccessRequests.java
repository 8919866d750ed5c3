package alerting.contacts.supportaccess;

import alerting.events.SupportAccessChanged.Action;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SupportAccessRequests {
  enum Status {
    AWAITING_CONFIRMATION,
    AWAITING_SIGNATURE,
    DONE,
    CANCELLED,
    EXPIRED;

    boolean isOpen() {
      return this == AWAITING_CONFIRMATION || this == AWAITING_SIGNATURE;
    }
  }

  /** How the person who signed the acknowledgment form was known to be the confirming contact. */
  enum SignatureVerification {
    /** Opened the signing link sent to them, bound to the request and to them. */
    LINK,
    /** Signed in, as the confirming contact. */
    SIGN_IN
  }

  record Request(
      String requestId,
      String tenantId,
      Action action,
      Status status,
      String requestedBy,
      String requestedByName,
      String onBehalfOf,
      String contactAfterReview,
      String confirmedBy,
      String confirmedChannel,
      String signedName,
      Instant signedAt,
      String formVersion,
      Instant createdAt,
      Instant expiresAt,
      String signedBy,
      SignatureVerification signatureVerifiedBy) {}

  private static final String COLUMNS =
      "request_id, tenant_id, action, status, requested_by, requested_by_name,"
          + " on_behalf_of, contact_after_review, confirmed_by, confirmed_channel, signed_name, signed_at,"
          + " form_version, created_at, expires_at, signed_by, signature_verified_by";
  private static final RowMapper<Request> ROW =
      (rs, n) ->
          new Request(
              rs.getString(1),
              rs.getString(2),
              Action.valueOf(rs.getString(3)),
              Status.valueOf(rs.getString(4)),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9),
              rs.getString(10),
              rs.getString(11),
              rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(),
              rs.getString(13),
              rs.getTimestamp(14).toInstant(),
              rs.getTimestamp(15).toInstant(),
              rs.getString(16),
              rs.getString(17) == null ? null : SignatureVerification.valueOf(rs.getString(17)));
  private final JdbcClient jdbc;

  SupportAccessRequests(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Request r) {
    jdbc.sql(
            "insert into support_access_request ("
                + COLUMNS
                + ", updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, null, ?, ?, null, null,"
                + " ?)")
        .params(
            r.requestId(),
            r.tenantId(),
            r.action().name(),
            r.status().name(),
            r.requestedBy(),
            r.requestedByName(),
            r.onBehalfOf(),
            r.contactAfterReview(),
            Timestamp.from(r.createdAt()),
            Timestamp.from(r.expiresAt()),
            Timestamp.from(r.createdAt()))
        .update();
  }

  Optional<Request> find(String tenantId, String requestId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from support_access_request where tenant_id = ? and request_id = ?")
        .params(tenantId, requestId)
        .query(ROW)
        .optional();
  }

  /** A request by its id alone: a signing link names the request, not the tenant. */
  Optional<Request> find(String requestId) {
    return jdbc.sql("select " + COLUMNS + " from support_access_request where request_id = ?")
        .params(requestId)
        .query(ROW)
        .optional();
  }

  Optional<Request> openOf(String tenantId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from support_access_request where tenant_id = ? and status in (?, ?)")
        .params(tenantId, Status.AWAITING_CONFIRMATION.name(), Status.AWAITING_SIGNATURE.name())
        .query(ROW)
        .optional();
  }

  Optional<Request> awaitingConfirmation(String requestId) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from support_access_request where request_id = ? and status = ?")
        .params(requestId, Status.AWAITING_CONFIRMATION.name())
        .query(ROW)
        .optional();
  }

  List<Request> openAndExpiredAt(Instant now) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from support_access_request where status in (?, ?) and expires_at < ?")
        .params(
            Status.AWAITING_CONFIRMATION.name(),
            Status.AWAITING_SIGNATURE.name(),
            Timestamp.from(now))
        .query(ROW)
        .list();
  }

  /** Moves a request on only from the status it was read in, so two racing steps can't both win. */
  boolean move(String requestId, Status from, Status to, Instant at) {
    return jdbc.sql(
                "update support_access_request set status = ?, updated_at = ? where request_id = ? and status = ?")
            .params(to.name(), Timestamp.from(at), requestId, from.name())
            .update()
        == 1;
  }

  void confirmed(String requestId, String contactId, String channel) {
    jdbc.sql(
            "update support_access_request set confirmed_by = ?, confirmed_channel = ? where request_id = ?")
        .params(contactId, channel, requestId)
        .update();
  }

  void signed(
      String requestId,
      String contactId,
      String name,
      String formVersion,
      SignatureVerification verifiedBy,
      Instant at) {
    jdbc.sql(
            "update support_access_request set signed_by = ?, signed_name = ?, form_version = ?,"
                + " signature_verified_by = ?, signed_at = ? where request_id = ?")
        .params(contactId, name, formVersion, verifiedBy.name(), Timestamp.from(at), requestId)
        .update();
  }
}
