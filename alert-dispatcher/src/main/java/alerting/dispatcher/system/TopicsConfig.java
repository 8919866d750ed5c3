package alerting.dispatcher.system;

import alerting.events.Topic;
import alerting.events.Topics;
import alerting.kafka.ServiceTopics;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Besides the catalogue (created by the plumbing's auto-configuration), the fan-out queues, and
 * retry and dead-letter topics for those the dispatcher consumes.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

  static final List<Topic> CONSUMED =
      Stream.concat(
              Stream.of(
                  Topics.INCIDENTS,
                  Topics.SUPPORT_ACCESS_CONFIRMATIONS,
                  Topics.VERIFICATIONS,
                  Topics.CONTACTS_REVIEWS,
                  Topics.CONTACTS_CHANGES,
                  Topics.SUPPORT_ACCESS,
                  DispatcherTopics.FAN_OUT,
                  DispatcherTopics.FAN_OUT_WAIT),
              Topics.deliveries().stream())
          .toList();

  /** One retry topic per channel, named after its STANDARD lane: retries are few and not gated. */
  static final List<Topic> RETRIED =
      List.of(Topics.DELIVERIES_EMAIL, Topics.DELIVERIES_SMS, Topics.DELIVERIES_VOICE);

  @Bean
  ServiceTopics dispatcherTopics(DispatcherSettings settings) {
    var retries =
        RETRIED.stream()
            .map(t -> new Topic(t.retry(), t.keyedBy(), t.partitions(), Topic.CleanupPolicy.DELETE))
            .toList();
    return ServiceTopics.withDeadLetters(settings.topics().replicationFactor(), CONSUMED)
        .and(List.of(DispatcherTopics.FAN_OUT, DispatcherTopics.FAN_OUT_WAIT))
        .and(retries);
  }
}
