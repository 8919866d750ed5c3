package alerting.events;

/** A way to reach a person; each has a delivery topic per priority {@link Lane}. */
public enum Channel {
  EMAIL,
  SMS,
  VOICE;

  /**
   * The STANDARD lane's topic, the one that existed before lanes (retry topics are named after it).
   */
  public Topic deliveryTopic() {
    return deliveryTopic(Lane.STANDARD);
  }

  public Topic deliveryTopic(Lane lane) {
    return switch (this) {
      case EMAIL ->
          switch (lane) {
            case CRITICAL -> Topics.DELIVERIES_EMAIL_CRITICAL;
            case HIGH -> Topics.DELIVERIES_EMAIL_HIGH;
            case STANDARD -> Topics.DELIVERIES_EMAIL;
          };
      case SMS ->
          switch (lane) {
            case CRITICAL -> Topics.DELIVERIES_SMS_CRITICAL;
            case HIGH -> Topics.DELIVERIES_SMS_HIGH;
            case STANDARD -> Topics.DELIVERIES_SMS;
          };
      case VOICE ->
          switch (lane) {
            case CRITICAL -> Topics.DELIVERIES_VOICE_CRITICAL;
            case HIGH -> Topics.DELIVERIES_VOICE_HIGH;
            case STANDARD -> Topics.DELIVERIES_VOICE;
          };
    };
  }

  /** Where a message about an alert of this severity goes on this channel. */
  public Topic deliveryTopic(Severity severity) {
    return deliveryTopic(Lane.of(severity));
  }
}
