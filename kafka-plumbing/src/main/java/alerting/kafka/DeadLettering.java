package alerting.kafka;

import alerting.events.DeadLetterReason;
import alerting.events.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.FailedRecordProcessor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.core.JacksonException;

/**
 * The one dead-letter contract (docs/dead-letters.md): a record goes to {@link Topic#deadLetterOf
 * its topic's dead-letter topic} with Spring's {@code kafka_dlt-*} headers and the plain-words
 * reason and origin of {@link DeadLetterReason}; and one answer to which failures are worth another
 * try. Listeners, the senders' retry protocol and the worker's Streams handlers all go through
 * here.
 */
public final class DeadLettering {
  /**
   * Failures of the data itself, which another try cannot mend: unreadable bytes and events that
   * break their rules. A NullPointerException is a bug, not bad data: it is retried like any other.
   */
  public static final List<Class<? extends Exception>> NOT_RETRYABLE =
      List.of(
          DeserializationException.class,
          SerializationException.class,
          JacksonException.class,
          IllegalArgumentException.class);

  private DeadLettering() {}

  /** False when the failure, or one of its causes, is bad data rather than a passing fault. */
  public static boolean isRetryable(Throwable failure) {
    for (var cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      for (var type : NOT_RETRYABLE) {
        if (type.isInstance(cause)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * An error handler or after-rollback processor that sends bad data to its dead letter at once.
   */
  public static <P extends FailedRecordProcessor> P classified(P processor) {
    NOT_RETRYABLE.forEach(processor::addNotRetryableExceptions);
    return processor;
  }

  /**
   * Publishes a failed record to its dead-letter topic with the contract's headers, counted in
   * {@code alerting.dead.letters}; {@code templates} as {@link DeadLetterPublishingRecoverer} takes
   * them (one per value type, e.g. one for the raw bytes of unreadable records).
   */
  public static ConsumerRecordRecoverer recoverer(
      Map<Class<?>, KafkaOperations<?, ?>> templates, MeterRegistry meters) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            templates, (record, e) -> new TopicPartition(Topic.deadLetterOf(record.topic()), -1));
    // Spring adds its kafka_dlt-* headers itself; these are the plain words beside them
    recoverer.setHeadersFunction(
        (record, e) ->
            new RecordHeaders(
                new RecordHeader[] {
                  new RecordHeader(
                      DeadLetterReason.HEADER, DeadLetterReason.bytes(DeadLetterReason.of(e))),
                  new RecordHeader(
                      DeadLetterReason.ORIGIN_HEADER, DeadLetterReason.bytes(origin(record)))
                }));
    return (record, e) -> {
      recoverer.accept(record, e);
      counted(meters, record.topic());
    };
  }

  /** As {@link #recoverer(Map, MeterRegistry)}, with one template for every value. */
  public static ConsumerRecordRecoverer recoverer(
      KafkaOperations<?, ?> template, MeterRegistry meters) {
    return recoverer(Map.of(Object.class, template), meters);
  }

  /**
   * The headers of a dead letter written by hand (not by the container's recoverer): where the
   * record was read, why it was set aside and, when an exception said so, which.
   */
  public static void addHeaders(
      Headers headers,
      String topic,
      int partition,
      long offset,
      String reason,
      Throwable exception) {
    headers.add(DeadLetterReason.HEADER, DeadLetterReason.bytes(reason));
    headers.add(
        DeadLetterReason.ORIGIN_HEADER, DeadLetterReason.bytes(origin(topic, partition, offset)));
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    if (exception != null) {
      headers.add(
          KafkaHeaders.DLT_EXCEPTION_FQCN,
          exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
      var message =
          exception.getMessage() == null
              ? exception.getClass().getSimpleName()
              : exception.getMessage();
      headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The dead letter of a record as the bytes it arrived as, for handlers outside a listener
   * container (Kafka Streams' deserialization and processing handlers).
   */
  public static ProducerRecord<byte[], byte[]> of(
      String topic,
      int partition,
      long offset,
      long timestamp,
      byte[] key,
      byte[] value,
      Headers original,
      String reason,
      Exception exception) {
    var headers =
        new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
    addHeaders(headers, topic, partition, offset, reason, exception);
    return new ProducerRecord<>(Topic.deadLetterOf(topic), null, timestamp, key, value, headers);
  }

  public static String origin(ConsumerRecord<?, ?> record) {
    return origin(record.topic(), record.partition(), record.offset());
  }

  /** {@code topic-partition@offset}, as the origin header says it. */
  public static String origin(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  public static void counted(MeterRegistry meters, String topic) {
    if (meters != null) {
      counter(meters, topic).increment();
    }
  }

  /**
   * The dead-letter counter of a topic; {@link KafkaPlumbingAutoConfiguration} registers each
   * consumed topic's at zero at start-up, so the first dead letter after a start shows on rate().
   */
  public static Counter counter(MeterRegistry meters, String topic) {
    return Counter.builder("alerting.dead.letters")
        .description("Records sent to their topic's dead-letter topic, by the topic they came from")
        .tag("topic", topic)
        .register(meters);
  }
}
