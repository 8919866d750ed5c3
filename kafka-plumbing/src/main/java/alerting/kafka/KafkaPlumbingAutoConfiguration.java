package alerting.kafka;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Kafka plumbing every service shares: replayed views built from the service's own consumer
 * settings, their readiness, and creating the catalogue's topics (plus the service's {@link
 * ServiceTopics}) once.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnBean(KafkaProperties.class)
public class KafkaPlumbingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ReplayedTopics replayedTopics(
      ObjectProvider<ConsumerFactory<?, ?>> consumers, KafkaProperties kafka) {
    var factory = consumers.getIfUnique();
    // Boot's factory carries spring.kafka.* (TLS, SASL) and its customizers; the plain properties
    // only without one
    return new ReplayedTopics(
        factory != null ? factory.getConfigurationProperties() : kafka.buildConsumerProperties());
  }

  @Bean
  @ConditionalOnBean(ServiceTopics.class)
  KafkaAdmin.NewTopics catalogueTopics(ServiceTopics topics) {
    return new KafkaAdmin.NewTopics(topics.newTopics());
  }

  /** Each dead-lettered topic's counter at zero from start-up (see {@link DeadLettering}). */
  @Bean
  @ConditionalOnBean(ServiceTopics.class)
  MeterBinder deadLetterMeters(ServiceTopics topics) {
    return meters ->
        topics.deadLetteredFrom().forEach(topic -> DeadLettering.counter(meters, topic));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Readiness {
    @Bean
    HealthIndicator replayedTopicsHealthIndicator(ReplayedTopics replays) {
      return new ReplayedTopicsHealthIndicator(replays);
    }
  }
}
