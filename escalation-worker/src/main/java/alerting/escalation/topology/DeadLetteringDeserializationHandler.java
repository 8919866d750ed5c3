package alerting.escalation.topology;

import alerting.events.Topic;
import alerting.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record that cannot be read is sent to {@code <topic>-dlt}, with the reason in the same
 * headers spring-kafka's dead-letter publisher uses, and processing goes on.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);
  /** Streams config key under which the worker hands over its meter registry. */
  public static final String METER_REGISTRY = "alerting.meter-registry";
  private MeterRegistry meters;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(METER_REGISTRY) instanceof MeterRegistry registry) {
      this.meters = registry;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    var deadLetter = deadLetterTopic(record.topic());
    log.warn("Unreadable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(),
        record.offset(), deadLetter, exception.getMessage());
    if (meters != null) {
      meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
    }
    var headers = new RecordHeaders(record.headers().toArray());
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(record.topic()));
    headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
    headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET,
        ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
    headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(exception.getClass().getName()));
    headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
        bytes(Objects.toString(exception.getMessage(), exception.getClass().getSimpleName())));
    return Response.resume(List.of(new ProducerRecord<>(deadLetter, null, record.timestamp(),
        record.key(), record.value(), headers)));
  }

  static String deadLetterTopic(String topic) {
    return Topics.ALL.stream().filter(known -> known.name().equals(topic)).findFirst()
        .map(Topic::deadLetter)
        .orElseGet(() -> new Topic(topic, "unknown", 1, Topic.CleanupPolicy.DELETE).deadLetter());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
