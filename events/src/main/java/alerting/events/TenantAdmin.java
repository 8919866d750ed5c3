package alerting.events;

public record TenantAdmin(String userId, String displayName, String email) {
  public TenantAdmin {
    Require.text(userId, "userId");
  }
}
