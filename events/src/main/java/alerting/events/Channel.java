package alerting.events;

/** A way to reach a person; each has its own delivery topic. */
public enum Channel {
  EMAIL, SMS, VOICE;

  public Topic deliveryTopic() {
    return switch (this) {
      case EMAIL -> Topics.DELIVERIES_EMAIL;
      case SMS -> Topics.DELIVERIES_SMS;
      case VOICE -> Topics.DELIVERIES_VOICE;
    };
  }
}
