package alerting.contacts.system;

import alerting.events.Actor;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, from their verified token: user id, name, tenant (none for staff) and roles. */
public record Caller(String userId, String name, String tenantId, List<String> roles) {

  public static Caller of(Jwt jwt) {
    var roles = jwt.getClaimAsStringList("roles");
    return new Caller(
        jwt.getSubject(),
        jwt.getClaimAsString("name"),
        jwt.getClaimAsString("tenant"),
        roles == null ? List.of() : roles);
  }

  /**
   * Support staff, whatever else the token carries: SUPPORT wins over any other role or a tenant
   * claim, because a tenant that disables support access is promised that no support person reads
   * its data, and a token minted with extra roles must not be a way round that promise.
   */
  public boolean isSupport() {
    return roles.contains("SUPPORT");
  }

  public boolean isTenantAdmin() {
    return roles.contains("TENANT_ADMIN");
  }

  public Actor actor() {
    return new Actor(userId, name == null ? userId : name);
  }
}
