package alerting.contacts.system;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tenant-scoped access: another tenant's data is invisible (404, as if it did not exist); within
 * the tenant, reading needs membership and changing needs the tenant-admin role (403). A support
 * token is never a member, even with a tenant claim: else it could read a tenant that blocked
 * support, or re-enable support access for itself.
 */
public final class TenantAccess {
  private TenantAccess() {}

  public static Caller member(Jwt jwt, String tenantId) {
    var caller = Caller.of(jwt);
    if (caller.isSupport()) {
      throw new ForbiddenException(
          "support staff are not members of a tenant; "
              + tenantId
              + " is open to support for reading only, while it allows support access");
    }
    if (!tenantId.equals(caller.tenantId())) {
      throw new NotFoundException("no tenant " + tenantId);
    }
    return caller;
  }

  public static Caller admin(Jwt jwt, String tenantId) {
    var caller = member(jwt, tenantId);
    if (!caller.isTenantAdmin()) {
      throw new ForbiddenException(
          "only a tenant admin of " + tenantId + " may change its contacts");
    }
    return caller;
  }
}
