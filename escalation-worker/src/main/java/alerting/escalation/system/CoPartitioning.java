package alerting.escalation.system;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.kafka.core.KafkaAdmin;

/** The worker joins its inputs by partition, so their partition counts must be equal. */
final class CoPartitioning {
  private CoPartitioning() {}

  /**
   * Asks the broker for the partition counts of {@code topics} and stops the start-up with a
   * message naming every topic and its count when they differ, or when a topic is still missing
   * after {@code patience} (topics created a moment ago take a moment to be described).
   */
  static void verify(KafkaAdmin admin, Collection<String> topics, Duration patience) {
    var giveUpAt = System.nanoTime() + patience.toNanos();
    Map<String, TopicDescription> described = null;
    while (described == null) {
      try {
        described = admin.describeTopics(topics.toArray(String[]::new));
      } catch (RuntimeException unreadable) {
        if (System.nanoTime() > giveUpAt) {
          throw new IllegalStateException(
              "The escalation worker cannot start: it could not read "
                  + "the partition counts of its input topics "
                  + topics
                  + " ("
                  + rootCause(unreadable)
                  + ")",
              unreadable);
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
    Map<String, Integer> counts =
        described.entrySet().stream()
            .collect(
                Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().partitions().size()));
    mismatch(counts)
        .ifPresent(
            message -> {
              throw new IllegalStateException("The escalation worker cannot start: " + message);
            });
  }

  /** A message naming every topic and its count when the counts differ; empty when they agree. */
  static Optional<String> mismatch(Map<String, Integer> partitionsByTopic) {
    if (partitionsByTopic.values().stream().distinct().count() <= 1) {
      return Optional.empty();
    }
    var counts =
        new TreeMap<>(partitionsByTopic)
            .entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    return Optional.of(
        "The escalation worker's input topics must be co-partitioned (equal "
            + "partition counts), but they have: "
            + counts);
  }

  private static String rootCause(Throwable failure) {
    var cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
