package alerting.dispatcher.system;

import alerting.events.Topic;
import alerting.events.Topics;

/**
 * The dispatcher's own topics: the fan-out queues. Retry and dead-letter names come from {@link
 * Topic}.
 */
public final class DispatcherTopics {
  private DispatcherTopics() {}

  /** Incidents split into slices of tenants, keyed by {@code incidentId/slice}. */
  public static final Topic FAN_OUT =
      new Topic(
          Topics.INCIDENTS.name() + "-fanout",
          "incidentId/batch",
          Topics.ALERT_PARTITIONS,
          Topic.CleanupPolicy.DELETE);

  /**
   * The tenants of an incident the dispatcher does not know yet, waiting for their contact
   * snapshots; one partition, as they are few and only wait.
   */
  public static final Topic FAN_OUT_WAIT =
      new Topic(
          Topics.INCIDENTS.name() + "-fanout-wait",
          "incidentId/batch",
          1,
          Topic.CleanupPolicy.DELETE);

  /**
   * The listeners' SpEL names the retry topic through here; the name itself is {@link
   * Topic#retry}'s.
   */
  public static String retry(Topic topic) {
    return topic.retry();
  }
}
