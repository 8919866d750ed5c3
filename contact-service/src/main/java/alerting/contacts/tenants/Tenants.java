package alerting.contacts.tenants;

import alerting.contacts.system.NotFoundException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Tenants {
  private final JdbcClient jdbc;

  Tenants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean create(String tenantId, String name) {
    if (find(tenantId).isPresent()) {
      return false;
    }
    jdbc.sql("insert into tenant (tenant_id, name, version, created_at) values (?, ?, 0, ?)")
        .params(tenantId, name, Timestamp.from(Instant.now()))
        .update();
    return true;
  }

  public Optional<Tenant> find(String tenantId) {
    return jdbc.sql("select tenant_id, name, version from tenant where tenant_id = ?")
        .param(tenantId)
        .query((rs, n) -> new Tenant(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .optional();
  }

  public Tenant require(String tenantId) {
    return find(tenantId).orElseThrow(() -> new NotFoundException("no tenant " + tenantId));
  }

  /** Every tenant's id, in order. */
  public List<String> ids() {
    return jdbc.sql("select tenant_id from tenant order by tenant_id")
        .query((rs, n) -> rs.getString(1))
        .list();
  }

  /** Every tenant's name, by id. */
  public java.util.Map<String, String> names() {
    var names = new java.util.HashMap<String, String>();
    jdbc.sql("select tenant_id, name from tenant")
        .query(
            rs -> {
              names.put(rs.getString(1), rs.getString(2));
            });
    return names;
  }

  /** Bumps the version that orders the tenant's published snapshots. */
  public void touch(String tenantId) {
    jdbc.sql("update tenant set version = version + 1 where tenant_id = ?")
        .param(tenantId)
        .update();
  }
}
