package alerting.escalation.system;

import alerting.escalation.topology.EscalationTopology;
import alerting.events.Topic;
import alerting.events.Topics;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the catalogue's topics, and the dead-letter topics of the worker's inputs. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "alerting.worker.topics.create", matchIfMissing = true)
class TopicCatalogue {

  @Bean
  KafkaAdmin.NewTopics alertingTopics(WorkerSettings settings) {
    var replication = settings.topics().replicationFactor();
    var deadLetters = EscalationTopology.INPUTS.stream()
        .map(input -> new Topic(input.deadLetter(), input.keyedBy(), input.partitions(),
            Topic.CleanupPolicy.DELETE).newTopic(replication));
    var catalogue = Topics.ALL.stream().map(topic -> topic.newTopic(replication));
    return new KafkaAdmin.NewTopics(Stream.concat(catalogue, deadLetters).toArray(NewTopic[]::new));
  }
}
