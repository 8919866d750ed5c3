package alerting.escalation.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The streams client of the worker, and its health. */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

  @Bean
  EscalationStreams escalationStreams(
      WorkerSettings settings,
      KafkaAdmin admin,
      MeterRegistry registry,
      KafkaProperties kafka,
      @Value("${server.port:8083}") String serverPort) {
    // the worker's client authenticates and encrypts exactly as spring.kafka.* says, like every
    // other client
    var properties = StreamsProperties.of(settings, kafka.buildStreamsProperties(), serverPort);
    return new EscalationStreams(settings, properties, admin, registry);
  }

  @Bean
  StreamsHealth escalationStreamsHealth(EscalationStreams streams) {
    return new StreamsHealth(streams);
  }
}
