package alerting.contacts.system;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Who may read a tenant's data: its members, and support staff unless the tenant has blocked
 * Customer Support Access — then support is refused with a 403 that says so. A token carrying
 * SUPPORT is read as support staff whatever other roles or tenant claim it carries.
 */
@Component
public class TenantReads {
  private final SupportAccessStates supportAccess;

  TenantReads(SupportAccessStates supportAccess) {
    this.supportAccess = supportAccess;
  }

  public Caller reader(Jwt jwt, String tenantId) {
    var caller = Caller.of(jwt);
    if (caller.isSupport()) {
      if (!supportAccess.isAllowed(tenantId)) {
        throw new ForbiddenException("support access is disabled by the tenant " + tenantId);
      }
      return caller;
    }
    return TenantAccess.member(jwt, tenantId);
  }
}
