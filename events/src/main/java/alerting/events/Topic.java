package alerting.events;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** A topic of the catalogue: its name, what its records are keyed by, and how it is kept. */
public record Topic(String name, String keyedBy, int partitions, CleanupPolicy cleanupPolicy) {
  private static final String DEAD_LETTER_SUFFIX = "-dlt";
  private static final String RETRY_SUFFIX = "-retry";

  public enum CleanupPolicy {
    DELETE,
    COMPACT;

    public String configValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Topic {
    Require.text(name, "name");
    Require.text(keyedBy, "keyedBy");
    Require.positive(partitions, "partitions");
    Require.present(cleanupPolicy, "cleanupPolicy");
  }

  /** How a service creates this topic when it is missing: partitions and cleanup policy. */
  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue()));
  }

  /** Where records that cannot be processed go, with the reason in headers. */
  public String deadLetter() {
    return deadLetterOf(name);
  }

  /** The dead-letter topic: as many partitions as this one, kept like any retained topic. */
  public Topic deadLetterTopic() {
    return new Topic(deadLetter(), keyedBy, partitions, CleanupPolicy.DELETE);
  }

  /** Where records that failed transiently wait for their next try (the retry protocol). */
  public String retry() {
    return name + RETRY_SUFFIX;
  }

  /**
   * The one naming rule for dead letters: {@code <topic>-dlt}, and a retry topic's records go to
   * the dead-letter topic of the topic they were retried from.
   */
  public static String deadLetterOf(String topicName) {
    var origin =
        topicName.endsWith(RETRY_SUFFIX)
            ? topicName.substring(0, topicName.length() - RETRY_SUFFIX.length())
            : topicName;
    return origin + DEAD_LETTER_SUFFIX;
  }

  @Override
  public String toString() {
    return name;
  }
}
