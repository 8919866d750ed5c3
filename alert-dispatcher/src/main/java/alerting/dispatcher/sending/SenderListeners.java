package alerting.dispatcher.sending;

import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.Lane;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * The same listeners for every channel: one per priority lane, highest first ({@link SenderLanes}
 * keeps a lane waiting while a higher one has work), and one for due retries, each taking a poll at
 * a time. Their ids, which are also their consumer groups, are {@link SenderLanes#listenerId} and
 * {@code <channel>-sender-retry}. The retry listener acknowledges by hand (AckMode MANUAL) so that
 * it can hand back the records not yet due without waiting for them.
 */
@Component
class SenderListeners implements KafkaListenerConfigurer {
  private static final String CONCURRENCY = "${alerting.dispatcher.senders.concurrency:2}";

  /**
   * A consumer paused for a nack's wait is resumed only when its poll returns, and a poll of paused
   * partitions returns after the whole poll timeout (5 s by default): the retry listener polls for
   * at most this long, so a retry is sent at most this late, not seconds after it is due.
   */
  static final Duration RETRY_POLL_TIMEOUT = Duration.ofMillis(200);

  private static final ContainerPostProcessor<
          Object, Object, AbstractMessageListenerContainer<Object, Object>>
      RETRY_POLLS =
          container ->
              container.getContainerProperties().setPollTimeout(RETRY_POLL_TIMEOUT.toMillis());

  private final List<ChannelProvider> providers;
  private final DeliveryPipeline pipeline;
  private final SenderLanes lanes;
  private final KafkaListenerContainerFactory<?> batches;
  private final Environment environment;
  private final DefaultMessageHandlerMethodFactory methods =
      new DefaultMessageHandlerMethodFactory();

  SenderListeners(
      List<ChannelProvider> providers,
      DeliveryPipeline pipeline,
      SenderLanes lanes,
      @Qualifier("batchListenerFactory") KafkaListenerContainerFactory<?> batches,
      Environment environment) {
    this.providers = providers;
    this.pipeline = pipeline;
    this.lanes = lanes;
    this.batches = batches;
    this.environment = environment;
    methods.afterPropertiesSet();
  }

  @Override
  public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
    for (var provider : providers) {
      var channel = provider.channel();
      for (var lane : Lane.values()) {
        var endpoint =
            endpoint(
                SenderLanes.listenerId(channel, lane),
                channel.deliveryTopic(lane).name(),
                new LaneListener(lanes, lane, provider),
                LaneListener.ON);
        endpoint.setConcurrency(
            Integer.valueOf(environment.resolveRequiredPlaceholders(CONCURRENCY)));
        var properties = new Properties();
        property(properties, DeliveryPipeline.FETCH_MIN_BYTES);
        property(properties, DeliveryPipeline.FETCH_MAX_WAIT);
        properties.setProperty(
            "max.poll.records", String.valueOf(lanes.batchSize(channel.name(), lane.name())));
        endpoint.setConsumerProperties(properties);
        registrar.registerEndpoint(endpoint, batches);
      }
      var retry =
          endpoint(
              channel.name().toLowerCase() + "-sender-retry",
              DispatcherTopics.retry(channel.deliveryTopic()),
              new RetryListener(pipeline, provider),
              RetryListener.ON);
      // the retry listener acknowledges itself: a poll's due records, and a nack for the rest
      // (DeliveryPipeline#handleDue)
      retry.setAckMode(ContainerProperties.AckMode.MANUAL.name());
      retry.setContainerPostProcessor(RETRY_POLLS);
      registrar.registerEndpoint(retry, batches);
    }
  }

  private MethodKafkaListenerEndpoint<String, Object> endpoint(
      String id, String topic, Object bean, Method method) {
    var endpoint = new MethodKafkaListenerEndpoint<String, Object>();
    endpoint.setId(id);
    endpoint.setGroupId(id);
    endpoint.setTopics(topic);
    endpoint.setBean(bean);
    endpoint.setMethod(method);
    endpoint.setMessageHandlerMethodFactory(methods);
    return endpoint;
  }

  /**
   * A {@code key=${placeholder:default}} consumer property, as {@code @KafkaListener(properties)}
   * takes it.
   */
  private void property(Properties properties, String keyAndValue) {
    var resolved = environment.resolveRequiredPlaceholders(keyAndValue);
    var split = resolved.indexOf('=');
    properties.setProperty(resolved.substring(0, split), resolved.substring(split + 1));
  }

  record LaneListener(SenderLanes lanes, Lane lane, ChannelProvider provider) {
    static final Method ON =
        ReflectionUtils.findMethod(LaneListener.class, "on", List.class, Consumer.class);

    public void on(List<ConsumerRecord<String, Object>> records, Consumer<?, ?> consumer) {
      lanes.handle(lane, records, consumer, provider);
    }
  }

  record RetryListener(DeliveryPipeline pipeline, ChannelProvider provider) {
    static final Method ON =
        ReflectionUtils.findMethod(RetryListener.class, "on", List.class, Acknowledgment.class);

    public void on(List<ConsumerRecord<String, Object>> records, Acknowledgment acknowledgment) {
      pipeline.handleDue(records, provider, acknowledgment);
    }
  }
}
