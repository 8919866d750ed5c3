package alerting.contacts.system;

import alerting.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  KafkaAdmin.NewTopics contactTopics(ContactServiceSettings settings) {
    short replicas = settings.topics().replicationFactor();
    var topics = Topics.ALL.stream().map(t -> t.newTopic(replicas));
    // the acks DLT is shared with the escalation worker, which reads acks too: same partitions
    var deadLetters = java.util.stream.Stream.of(new NewTopic(Topics.NOTICES.deadLetter(), 1, replicas),
        new NewTopic(Topics.ACKS.deadLetter(), Topics.ACKS.partitions(), replicas));
    return new KafkaAdmin.NewTopics(java.util.stream.Stream.concat(topics, deadLetters)
        .toArray(NewTopic[]::new));
  }
}
