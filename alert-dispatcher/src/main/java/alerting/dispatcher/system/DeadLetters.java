package alerting.dispatcher.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a record that cannot be handled to {@code <topic>-dlt}, keeping key and value and
 * saying why and where it came from in headers; part of the caller's Kafka transaction.
 */
@Component
public class DeadLetters {
  public static final String REASON = "alerting-dlt-reason";
  public static final String ORIGIN = "alerting-dlt-origin";

  private final KafkaTemplate<String, Object> kafka;
  private final MeterRegistry meters;

  DeadLetters(KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
    this.kafka = kafka;
    this.meters = meters;
  }

  public void send(ConsumerRecord<String, ?> record, Object value, String reason) {
    var deadLetter = new ProducerRecord<String, Object>(DispatcherTopics.deadLetter(record.topic()),
        null, record.key(), value);
    record.headers().forEach(h -> deadLetter.headers().add(h));
    deadLetter.headers().add(REASON, bytes(reason));
    deadLetter.headers().add(ORIGIN,
        bytes(record.topic() + "-" + record.partition() + "@" + record.offset()));
    kafka.send(deadLetter);
    meters.counter("alerting.dead.letters", "topic", record.topic()).increment();
  }

  private static byte[] bytes(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
