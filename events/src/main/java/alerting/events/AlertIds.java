package alerting.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Alert ids are name-based, so replaying an incident can never open a second alert. */
public final class AlertIds {
  private AlertIds() {}

  public static String forRecipient(String incidentId, String tenantId, String contactId) {
    var name = incidentId + "\n" + tenantId + "\n" + contactId;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The alert of a verification drill that checks one contact method: one per method, so each
   * method's reachability is its own alert's outcome.
   */
  public static String forVerification(
      String drillId, String tenantId, String contactId, ContactMethod method) {
    return forRecipient(
        drillId, tenantId, contactId + "\n" + method.channel() + "\n" + method.address());
  }

  /** The id of one delivery attempt; a healthy sender never sends the same one twice. */
  public static String deliveryId(String alertId, int attempt) {
    return alertId + ":" + attempt;
  }
}
