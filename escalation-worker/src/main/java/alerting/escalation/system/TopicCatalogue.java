package alerting.escalation.system;

import alerting.escalation.topology.EscalationTopology;
import alerting.kafka.ServiceTopics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue (created by the plumbing), and the dead-letter topics of the worker's inputs. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "alerting.worker.topics.create", matchIfMissing = true)
class TopicCatalogue {

  @Bean
  ServiceTopics alertingTopics(WorkerSettings settings) {
    return ServiceTopics.withDeadLetters(
        settings.topics().replicationFactor(), EscalationTopology.INPUTS);
  }
}
