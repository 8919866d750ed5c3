package alerting.events;

/**
 * The priority lanes of a channel's deliveries (design.md, "Send order"). Each channel has a
 * delivery topic per lane, and its sender drains a lane only while every higher lane is empty, so a
 * CRITICAL incident's first attempts and escalations never wait behind a backlog of lower-severity
 * messages. The lanes are Kafka topics, not an in-memory queue, so a crash loses nothing and the
 * order holds across instances.
 */
public enum Lane {
  /** CRITICAL incidents: first attempts and escalations alike. */
  CRITICAL,
  /** HIGH incidents, and confirmations asked of a tenant's contacts. */
  HIGH,
  /** Everything else; the lowest lane, and the one that existed before lanes. */
  STANDARD;

  public static Lane of(Severity severity) {
    return switch (severity == null ? Severity.LOW : severity) {
      case CRITICAL -> CRITICAL;
      case HIGH -> HIGH;
      case MEDIUM, LOW -> STANDARD;
    };
  }

  /** The lanes a sender must find empty before it may send from this one. */
  public java.util.List<Lane> higher() {
    return java.util.Arrays.stream(values()).filter(lane -> lane.ordinal() < ordinal()).toList();
  }
}
