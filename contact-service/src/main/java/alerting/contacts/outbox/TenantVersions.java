package alerting.contacts.outbox;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's snapshot version as it stands, its row locked until the caller's transaction ends: a
 * change of the tenant bumps the version on that row ({@code Tenants.touch}), so while the lock is
 * held no newer snapshot can be committed, nor sent.
 */
@Repository
class TenantVersions {
  private final JdbcClient jdbc;

  TenantVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The tenant's version now, locked; empty when there is no such tenant. */
  Optional<Long> lock(String tenantId) {
    return jdbc.sql("select version from tenant where tenant_id = ? for update")
        .param(tenantId)
        .query(Long.class)
        .optional();
  }
}
