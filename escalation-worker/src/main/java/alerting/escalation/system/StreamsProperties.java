package alerting.escalation.system;

import alerting.escalation.topology.DeadLetteringDeserializationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The streams client configuration: Spring Boot's {@code spring.kafka.*} client settings (bootstrap
 * servers, security protocol, SASL, SSL, {@code spring.kafka.properties.*}) with the worker's own
 * settings on top.
 */
final class StreamsProperties {
  private StreamsProperties() {}

  static Properties of(WorkerSettings settings, Map<String, Object> client, String serverPort) {
    var streams = settings.streams();
    var props = new Properties();
    props.putAll(client);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.topics().replicationFactor());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringDeserializationHandler.class);
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        alerting.escalation.topology.DeadLetteringProcessingHandler.class);
    // Static membership: a restarted instance takes its partitions back without a rebalance.
    props.put(
        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(streams.instanceId(), serverPort));
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) streams.sessionTimeout().toMillis());
    // three heartbeats per session, as Kafka's defaults have it
    props.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) Math.max(500, streams.sessionTimeout().toMillis() / 3));
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.standbyReplicas());
    // Restore speed is what a restart waits for: the alert store's JSON changelog shrinks about
    // tenfold with lz4, and the restore consumer takes it in larger bites.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000);
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) streams.transactionTimeout().toMillis());
    return props;
  }

  static String instanceId(String configured, String serverPort) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return InetAddress.getLocalHost().getHostName() + "-" + serverPort;
    } catch (UnknownHostException e) {
      return "localhost-" + serverPort;
    }
  }
}
