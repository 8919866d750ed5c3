package alerting.dispatcher.system;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The dispatcher's Kafka clients beyond {@code spring.kafka.*} ({@link DispatcherSettings.Kafka}):
 * a short consumer session, so a killed instance's partitions are taken over within seconds
 * (docs/reliability.md, finding 5); static membership and a transactional-id prefix of its own when
 * the instance has an id; an explicit transaction timeout, which the senders' poll deadline is
 * sized against; and listener containers that stop their consumer when its producer is fenced, so
 * {@link FencedListeners} can start it again from the committed offsets.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientsConfig {

  @Bean
  DefaultKafkaConsumerFactoryCustomizer consumerSession(DispatcherSettings settings) {
    var kafka = settings.kafka();
    return factory ->
        factory.updateConfigs(
            Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) kafka.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) kafka.heartbeatInterval().toMillis()));
  }

  @Bean
  DefaultKafkaProducerFactoryCustomizer producerTransactions(DispatcherSettings settings) {
    var kafka = settings.kafka();
    return factory -> {
      factory.updateConfigs(
          Map.of(
              ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
              (int) kafka.transactionTimeout().toMillis()));
      var prefix = factory.getTransactionIdPrefix();
      if (kafka.staticMembership() && prefix != null) {
        // two instances with the same transactional ids fence each other's producers
        factory.setTransactionIdPrefix(prefix + kafka.instanceId() + "-");
      }
    };
  }

  /**
   * For every listener container, Boot's (record listeners) and the senders' batch one: stop the
   * consumer when its transaction's producer was fenced, and give each consumer its static
   * identity. Spring Kafka adds the consumer's number in its container, {@code -<n>}, to the {@code
   * group.instance.id}, as it does to the client id, so each consumer's is its own.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      listenerContainers(DispatcherSettings settings) {
    var kafka = settings.kafka();
    return container -> {
      var properties = container.getContainerProperties();
      // without it, a container whose producer was fenced carries on from its in-memory position
      // and the aborted poll's records are never handled again (docs/reliability.md, finding 2)
      properties.setStopContainerWhenFenced(true);
      if (kafka.staticMembership()) {
        var consumer = new Properties();
        consumer.putAll(properties.getKafkaConsumerProperties());
        consumer.setProperty(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            kafka.instanceId() + "-" + container.getListenerId());
        properties.setKafkaConsumerProperties(consumer);
      }
    };
  }
}
