package alerting.events;

/** Who made a change: the authenticated user, as named in the audit trail. */
public record Actor(String userId, String displayName) {
  public Actor {
    Require.text(userId, "userId");
  }
}
