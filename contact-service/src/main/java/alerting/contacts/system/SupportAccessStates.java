package alerting.contacts.system;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether support staff may read a tenant's data; allowed unless the tenant blocked it. */
@Repository
public class SupportAccessStates {
  private final JdbcClient jdbc;

  SupportAccessStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isAllowed(String tenantId) {
    return jdbc.sql("select allowed from support_access where tenant_id = ?")
        .param(tenantId)
        .query(Boolean.class)
        .optional()
        .orElse(true);
  }

  public void set(String tenantId, boolean allowed, String requestId, Instant at) {
    var updated =
        jdbc.sql(
                "update support_access set allowed = ?, changed_at = ?, request_id = ? where tenant_id = ?")
            .params(allowed, Timestamp.from(at), requestId, tenantId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into support_access (tenant_id, allowed, changed_at, request_id) values (?, ?, ?, ?)")
          .params(tenantId, allowed, Timestamp.from(at), requestId)
          .update();
    }
  }
}
