package alerting.dispatcher.system;

import alerting.events.Topic;
import alerting.events.Topics;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the catalogue's topics, and dead-letter topics for those the dispatcher consumes. */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  static final java.util.List<Topic> CONSUMED = java.util.List.of(
      Topics.INCIDENTS, Topics.DELIVERIES_EMAIL, Topics.DELIVERIES_SMS);

  @Bean
  KafkaAdmin.NewTopics dispatcherTopics(DispatcherSettings settings) {
    short replicas = settings.topics().replicationFactor();
    var topics = Topics.ALL.stream().map(t -> new NewTopic(t.name(), t.partitions(), replicas)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy().configValue())));
    var deadLetters = CONSUMED.stream().map(t -> new NewTopic(t.deadLetter(), 1, replicas));
    return new KafkaAdmin.NewTopics(Stream.concat(topics, deadLetters).toArray(NewTopic[]::new));
  }
}
