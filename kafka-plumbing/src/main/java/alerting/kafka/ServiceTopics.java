package alerting.kafka;

import alerting.events.Topic;
import alerting.events.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What a service asks to be created at start-up besides the catalogue (its retry and dead-letter
 * topics), and with how many replicas. Declared as a bean; {@link KafkaPlumbingAutoConfiguration}
 * creates {@link Topics#ALL} and these once, the same way in every service.
 */
public record ServiceTopics(short replicationFactor, List<Topic> extra) {
  public ServiceTopics {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1");
    }
    extra = List.copyOf(extra);
  }

  /** The catalogue only. */
  public static ServiceTopics catalogue(short replicationFactor) {
    return new ServiceTopics(replicationFactor, List.of());
  }

  /** The catalogue and the dead-letter topics of what the service consumes. */
  public static ServiceTopics withDeadLetters(short replicationFactor, List<Topic> consumed) {
    return new ServiceTopics(
        replicationFactor, consumed.stream().map(Topic::deadLetterTopic).toList());
  }

  public ServiceTopics and(List<Topic> more) {
    return new ServiceTopics(
        replicationFactor, Stream.concat(extra.stream(), more.stream()).toList());
  }

  /**
   * The topics whose records this service dead-letters: those it creates a dead-letter topic of.
   */
  public List<String> deadLetteredFrom() {
    return extra.stream()
        .map(Topic::name)
        .filter(name -> name.endsWith(DEAD_LETTER_SUFFIX))
        .map(name -> name.substring(0, name.length() - DEAD_LETTER_SUFFIX.length()))
        .toList();
  }

  private static final String DEAD_LETTER_SUFFIX = Topic.deadLetterOf("");

  /** Every topic to create, each name once (the catalogue's settings win). */
  public NewTopic[] newTopics() {
    var seen = new java.util.HashSet<String>();
    return Stream.concat(Topics.ALL.stream(), extra.stream())
        .filter(topic -> seen.add(topic.name()))
        .map(topic -> topic.newTopic(replicationFactor))
        .toArray(NewTopic[]::new);
  }
}
