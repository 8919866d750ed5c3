package alerting.events;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** A topic of the catalogue: its name, what its records are keyed by, and how it is kept. */
public record Topic(String name, String keyedBy, int partitions, CleanupPolicy cleanupPolicy) {
  public enum CleanupPolicy {
    DELETE, COMPACT;

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
    return name + "-dlt";
  }

  @Override
  public String toString() {
    return name;
  }
}
