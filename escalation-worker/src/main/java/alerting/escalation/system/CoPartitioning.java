package alerting.escalation.system;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The worker joins its inputs by partition, so their partition counts must be equal. */
final class CoPartitioning {
  private CoPartitioning() {}

  /** A message naming every topic and its count when the counts differ; empty when they agree. */
  static Optional<String> mismatch(Map<String, Integer> partitionsByTopic) {
    if (partitionsByTopic.values().stream().distinct().count() <= 1) {
      return Optional.empty();
    }
    var counts = new TreeMap<>(partitionsByTopic).entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    return Optional.of("The escalation worker's input topics must be co-partitioned (equal "
        + "partition counts), but they have: " + counts);
  }
}
