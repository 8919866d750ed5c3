package alerting.console.system;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The person using the console, from their ID token: who, which tenant (none for staff), roles. */
public record SignedIn(String id, String name, String tenant, List<String> roles) {

  public static SignedIn of(OidcUser user) {
    var roles = user.getClaimAsStringList("roles");
    var name = user.getClaimAsString("name");
    return new SignedIn(
        user.getSubject(),
        name == null ? user.getSubject() : name,
        user.getClaimAsString("tenant"),
        roles == null ? List.of() : roles);
  }

  /** A person of a tenant, for the tenant's own pages; staff get a 403 page saying so. */
  public static SignedIn tenantMember(OidcUser user) {
    var me = of(user);
    if (!me.isTenantMember()) {
      throw new ServiceProblem(
          403,
          "Not for staff",
          "These pages belong to a tenant; sign in as one of its people.",
          null);
    }
    return me;
  }

  public boolean isTenantAdmin() {
    return isTenantMember() && roles.contains("TENANT_ADMIN");
  }

  /**
   * Support staff are never a tenant's people, whatever tenant claim their token carries: the
   * services refuse such a token a tenant's data when the tenant has disabled support access, so
   * the console must not offer it the tenant's pages either.
   */
  public boolean isTenantMember() {
    return tenant != null && !roles.contains("SUPPORT");
  }

  public boolean isResponder() {
    return roles.contains("RESPONDER");
  }

  public boolean isPlatform() {
    return roles.contains("PLATFORM");
  }

  public boolean isStaff() {
    return roles.contains("RESPONDER") || roles.contains("SUPPORT") || roles.contains("PLATFORM");
  }
}
