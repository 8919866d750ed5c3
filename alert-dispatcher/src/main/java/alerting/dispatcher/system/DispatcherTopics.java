package alerting.dispatcher.system;

import alerting.events.Topic;
import alerting.events.Topics;

/** Topics derived from the catalogue's: retry and dead-letter topics, and the fan-out queue. */
public final class DispatcherTopics {
  private DispatcherTopics() {}

  /** Incidents split into slices of tenants, keyed by {@code incidentId/slice}. */
  public static final Topic FAN_OUT = new Topic(Topics.INCIDENTS.name() + "-fanout", "incidentId/batch",
      Topics.ALERT_PARTITIONS, Topic.CleanupPolicy.DELETE);

  /**
   * The tenants of an incident the dispatcher does not know yet, waiting for their contact
   * snapshots; one partition, as they are few and only wait.
   */
  public static final Topic FAN_OUT_WAIT = new Topic(Topics.INCIDENTS.name() + "-fanout-wait",
      "incidentId/batch", 1, Topic.CleanupPolicy.DELETE);

  /** Where transient provider failures wait for their next try. */
  public static String retry(Topic topic) {
    return topic.name() + "-retry";
  }

  public static String deadLetter(String topicName) {
    return Topics.byName(topicName).map(Topic::deadLetter)
        .orElseGet(() -> topicName.endsWith("-retry")
            ? topicName.substring(0, topicName.length() - "-retry".length()) + "-dlt"
            : topicName + "-dlt");
  }
}
