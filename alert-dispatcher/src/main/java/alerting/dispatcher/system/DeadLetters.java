package alerting.dispatcher.system;

import alerting.events.DeadLetterReason;
import alerting.events.Topic;
import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends a record that cannot be handled to {@code <topic>-dlt}, keeping key and value (an event, or
 * the bytes it arrived as) with the headers of the one dead-letter contract ({@link DeadLettering}:
 * why in plain words, where it came from); part of the caller's Kafka transaction. See
 * docs/dead-letters.md.
 */
@Component
public class DeadLetters {
  public static final String REASON = DeadLetterReason.HEADER;
  public static final String ORIGIN = DeadLetterReason.ORIGIN_HEADER;

  private final KafkaTemplate<String, Object> kafka;
  private final MeterRegistry meters;

  DeadLetters(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.meters = meters;
  }

  public void send(ConsumerRecord<String, ?> record, Object value, String reason) {
    send(Topic.deadLetterOf(record.topic()), record, record.key(), value, reason);
  }

  /** To another dead-letter topic than the record's own, e.g. the incident a wait was about. */
  public void send(
      String deadLetterTopic,
      ConsumerRecord<String, ?> record,
      String key,
      Object value,
      String reason) {
    var deadLetter = new ProducerRecord<String, Object>(deadLetterTopic, null, key, value);
    // the serialized deserialization failure is Java's, not the reader's: the reason says it
    record
        .headers()
        .forEach(
            h -> {
              if (!h.key().equals(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)
                  && !h.key().equals(SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER)) {
                deadLetter.headers().add(h);
              }
            });
    DeadLettering.addHeaders(
        deadLetter.headers(), record.topic(), record.partition(), record.offset(), reason, null);
    kafka.send(deadLetter);
    DeadLettering.counted(meters, record.topic());
  }
}
