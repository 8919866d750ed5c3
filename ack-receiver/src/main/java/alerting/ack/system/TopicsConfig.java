package alerting.ack.system;

import alerting.kafka.ServiceTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue, created by the plumbing; ack-receiver consumes nothing it would dead-letter. */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  @Bean
  ServiceTopics ackTopics(AckReceiverSettings settings) {
    return ServiceTopics.catalogue(settings.topics().replicationFactor());
  }
}
