package alerting.ack.system;

import alerting.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics ackTopics(AckReceiverSettings settings) {
    short replicas = settings.topics().replicationFactor();
    return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(t -> t.newTopic(replicas))
        .toArray(NewTopic[]::new));
  }
}
