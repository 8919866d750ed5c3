package alerting.ack.system;

import alerting.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics ackTopics(AckReceiverSettings settings) {
    short replicas = settings.topics().replicationFactor();
    return new KafkaAdmin.NewTopics(Topics.ALL.stream()
        .map(t -> new NewTopic(t.name(), t.partitions(), replicas)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy().configValue())))
        .toArray(NewTopic[]::new));
  }
}
