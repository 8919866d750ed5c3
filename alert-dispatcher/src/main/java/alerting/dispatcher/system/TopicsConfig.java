package alerting.dispatcher.system;

import alerting.events.Topic;
import alerting.events.Topics;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the catalogue's topics, the fan-out queues, and retry and dead-letter topics for those
 * the dispatcher consumes.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  static final List<Topic> CONSUMED = Stream.concat(Stream.of(Topics.INCIDENTS,
      Topics.SUPPORT_ACCESS_CONFIRMATIONS, Topics.CONTACTS_CHANGES, Topics.SUPPORT_ACCESS, DispatcherTopics.FAN_OUT,
      DispatcherTopics.FAN_OUT_WAIT),
      Topics.deliveries().stream()).toList();
  /** One retry topic per channel, named after its STANDARD lane: retries are few and not gated. */
  static final List<Topic> RETRIED = List.of(Topics.DELIVERIES_EMAIL, Topics.DELIVERIES_SMS,
      Topics.DELIVERIES_VOICE);

  @Bean
  KafkaAdmin.NewTopics dispatcherTopics(DispatcherSettings settings) {
    short replicas = settings.topics().replicationFactor();
    var topics = Stream.concat(Topics.ALL.stream(), Stream.of(DispatcherTopics.FAN_OUT,
        DispatcherTopics.FAN_OUT_WAIT))
        .map(t -> t.newTopic(replicas));
    var retries = RETRIED.stream()
        .map(t -> new NewTopic(DispatcherTopics.retry(t), t.partitions(), replicas));
    var deadLetters = CONSUMED.stream().map(t -> new NewTopic(t.deadLetter(), 1, replicas));
    return new KafkaAdmin.NewTopics(Stream.of(topics, retries, deadLetters).flatMap(s -> s)
        .toArray(NewTopic[]::new));
  }
}
