package alerting.contacts.system;

import alerting.events.Topics;
import alerting.kafka.ServiceTopics;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalogue (created by the plumbing), and the dead-letter topics of what contact-service
 * consumes.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  ServiceTopics contactTopics(ContactServiceSettings settings) {
    return ServiceTopics.withDeadLetters(
        settings.topics().replicationFactor(),
        List.of(Topics.NOTICES, Topics.ACKS, Topics.ALERT_STATE));
  }
}
