package alerting.events;

import alerting.events.Topic.CleanupPolicy;
import java.util.List;

/** The topic catalogue of the design; the only place topic names are spelled. */
public final class Topics {
  private Topics() {}

  /** Every alertId-keyed topic has this many partitions, so they stay co-partitioned. */
  public static final int ALERT_PARTITIONS = 6;

  private static final int TENANT_PARTITIONS = 3;

  public static final Topic CONTACTS_SNAPSHOTS =
      new Topic("contacts.snapshots.v1", "tenantId", TENANT_PARTITIONS, CleanupPolicy.COMPACT);
  public static final Topic CONTACTS_CHANGES =
      new Topic("contacts.changes.v1", "tenantId", TENANT_PARTITIONS, CleanupPolicy.DELETE);
  public static final Topic INCIDENTS =
      new Topic("incidents.v1", "incidentId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  /** Who an incident (or a confirmation) could not reach: the dispatcher's reports, by incident. */
  public static final Topic TENANTS_UNREACHABLE =
      new Topic("incidents.unreachable.v1", "incidentId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  public static final Topic NOTICES =
      new Topic("notices.v1", "tenantId", TENANT_PARTITIONS, CleanupPolicy.DELETE);
  public static final Topic SUPPORT_ACCESS =
      new Topic("support-access.v1", "tenantId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  /** Support-access confirmations asked of and closed for a tenant's contacts, by request. */
  public static final Topic SUPPORT_ACCESS_CONFIRMATIONS =
      new Topic(
          "support-access.confirmations.v1", "requestId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  /**
   * Verification drills: each asks a tenant's security contacts to confirm each method, by drill.
   */
  public static final Topic VERIFICATIONS =
      new Topic("verifications.v1", "drillId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  /** Requests to a tenant's admins to review their security contacts (the tenant is at risk). */
  public static final Topic CONTACTS_REVIEWS =
      new Topic("contacts.reviews.v1", "tenantId", TENANT_PARTITIONS, CleanupPolicy.DELETE);

  public static final Topic ALERTS = alertKeyed("alerts.v1", CleanupPolicy.DELETE);

  /**
   * Deliveries per channel and priority lane ({@link Lane}); the plain name is the STANDARD lane.
   */
  public static final Topic DELIVERIES_EMAIL =
      alertKeyed("deliveries.email.v1", CleanupPolicy.DELETE);

  public static final Topic DELIVERIES_EMAIL_HIGH =
      alertKeyed("deliveries.email.high.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_EMAIL_CRITICAL =
      alertKeyed("deliveries.email.critical.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_SMS = alertKeyed("deliveries.sms.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_SMS_HIGH =
      alertKeyed("deliveries.sms.high.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_SMS_CRITICAL =
      alertKeyed("deliveries.sms.critical.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_VOICE =
      alertKeyed("deliveries.voice.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_VOICE_HIGH =
      alertKeyed("deliveries.voice.high.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERIES_VOICE_CRITICAL =
      alertKeyed("deliveries.voice.critical.v1", CleanupPolicy.DELETE);
  public static final Topic ACK_TIMEOUTS =
      alertKeyed("alerts.ack-timeouts.v1", CleanupPolicy.DELETE);
  public static final Topic ACKS = alertKeyed("alerts.acks.v1", CleanupPolicy.DELETE);
  public static final Topic DELIVERY_STATUS =
      alertKeyed("deliveries.status.v1", CleanupPolicy.DELETE);
  public static final Topic ALERT_STATE = alertKeyed("alerts.state.v1", CleanupPolicy.COMPACT);

  /**
   * Twilio webhooks the ack-receiver instances have claimed and answered, keyed by a hash of the
   * request: a captured request replayed after a restart or to another instance is refused.
   */
  public static final Topic WEBHOOKS_ANSWERED =
      new Topic("webhooks.answered.v1", "requestHash", 3, CleanupPolicy.COMPACT);

  public static final List<Topic> ALL =
      List.of(
          CONTACTS_SNAPSHOTS,
          CONTACTS_CHANGES,
          INCIDENTS,
          TENANTS_UNREACHABLE,
          NOTICES,
          SUPPORT_ACCESS,
          SUPPORT_ACCESS_CONFIRMATIONS,
          VERIFICATIONS,
          CONTACTS_REVIEWS,
          ALERTS,
          DELIVERIES_EMAIL_CRITICAL,
          DELIVERIES_EMAIL_HIGH,
          DELIVERIES_EMAIL,
          DELIVERIES_SMS_CRITICAL,
          DELIVERIES_SMS_HIGH,
          DELIVERIES_SMS,
          DELIVERIES_VOICE_CRITICAL,
          DELIVERIES_VOICE_HIGH,
          DELIVERIES_VOICE,
          ACK_TIMEOUTS,
          ACKS,
          DELIVERY_STATUS,
          ALERT_STATE,
          WEBHOOKS_ANSWERED);

  /** Every delivery topic: each channel's lanes, highest first. */
  public static List<Topic> deliveries() {
    var all = new java.util.ArrayList<Topic>();
    for (var channel : Channel.values()) {
      for (var lane : Lane.values()) {
        all.add(channel.deliveryTopic(lane));
      }
    }
    return List.copyOf(all);
  }

  /** The catalogue entry of a topic name, e.g. to name its dead-letter topic. */
  public static java.util.Optional<Topic> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static Topic alertKeyed(String name, CleanupPolicy policy) {
    return new Topic(name, "alertId", ALERT_PARTITIONS, policy);
  }
}
