package alerting.dispatcher.system;

import alerting.events.DeadLetterReason;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends a record that cannot be handled to {@code <topic>-dlt}, keeping key and value (an event,
 * or the bytes it arrived as) and saying why, in plain words, and where it came from in headers;
 * part of the caller's Kafka transaction. See docs/dead-letters.md.
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
    send(DispatcherTopics.deadLetter(record.topic()), record, record.key(), value, reason);
  }

  /** To another dead-letter topic than the record's own, e.g. the incident a wait was about. */
  public void send(String deadLetterTopic, ConsumerRecord<String, ?> record, String key, Object value,
      String reason) {
    var deadLetter = new ProducerRecord<String, Object>(deadLetterTopic, null, key, value);
    // the serialized deserialization failure is Java's, not the reader's: the reason says it
    record.headers().forEach(h -> {
      if (!h.key().equals(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)
          && !h.key().equals(SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER)) {
        deadLetter.headers().add(h);
      }
    });
    deadLetter.headers().add(REASON, DeadLetterReason.bytes(reason));
    deadLetter.headers().add(ORIGIN, DeadLetterReason.bytes(origin(record)));
    kafka.send(deadLetter);
    meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
  }

  static String origin(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
