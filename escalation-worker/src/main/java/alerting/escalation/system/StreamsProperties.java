package alerting.escalation.system;

import alerting.escalation.topology.DeadLetteringDeserializationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The streams client configuration derived from the settings. */
final class StreamsProperties {
  private StreamsProperties() {}

  static Properties of(WorkerSettings settings, String bootstrapServers, String serverPort) {
    var streams = settings.streams();
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.topics().replicationFactor());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringDeserializationHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, alerting.escalation.topology.DeadLetteringProcessingHandler.class);
    // Static membership: a restarted instance takes its partitions back without a rebalance.
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(streams.instanceId(), serverPort));
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) streams.sessionTimeout().toMillis());
    // gzip: every common client reads it without extras (kafkajs needs a package for lz4), and
    // outside tools read alerts.state.v1; the changelogs stay lz4 by their topic config, for quick
    // restores (EscalationTopology.changelog).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "gzip");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_GZIP_LEVEL_CONFIG), 1);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    props.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
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
