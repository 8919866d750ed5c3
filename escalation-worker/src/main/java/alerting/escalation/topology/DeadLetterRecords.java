package alerting.escalation.topology;

import alerting.events.DeadLetterReason;
import alerting.events.Topic;
import alerting.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead letter of an input record, as the bytes it arrived as, for both of the worker's error
 * handlers: the plain-words reason and origin every service writes, and spring-kafka's
 * {@code kafka_dlt-*} headers, so tools made for either read it.
 */
final class DeadLetterRecords {
  private DeadLetterRecords() {}

  static ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, long timestamp,
      byte[] key, byte[] value, Headers original, String reason, Exception exception) {
    var headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
    headers.add(DeadLetterReason.HEADER, DeadLetterReason.bytes(reason));
    headers.add(DeadLetterReason.ORIGIN_HEADER,
        DeadLetterReason.bytes(topic + "-" + partition + "@" + offset));
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(topic));
    headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
    headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(exception.getClass().getName()));
    headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
        bytes(exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage()));
    return new ProducerRecord<>(deadLetterTopic(topic), null, timestamp, key, value, headers);
  }

  static String deadLetterTopic(String topic) {
    return Topics.byName(topic).map(Topic::deadLetter).orElse(topic + "-dlt");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
