package alerting.events;

import java.util.List;

/** Which tenants an incident concerns: all of them, or the listed ones. */
public record IncidentScope(boolean allTenants, List<String> tenantIds) {
  public IncidentScope {
    tenantIds = tenantIds == null ? List.of() : List.copyOf(tenantIds);
    if (!allTenants && tenantIds.isEmpty()) {
      throw new IllegalArgumentException("scope must list at least one tenant, or be all tenants");
    }
  }

  public static IncidentScope tenants(String... tenantIds) {
    return new IncidentScope(false, List.of(tenantIds));
  }

  public boolean includes(String tenantId) {
    return allTenants || tenantIds.contains(tenantId);
  }
}
