package alerting.testsupport;

import alerting.events.Topic;
import alerting.events.Topics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a bare producer writes to a broker: the yardstick a benchmark measures in its own run, on
 * its own broker, so that a figure taken on a busy or slow machine can be compared as a ratio.
 * Records about the size of an {@code AlertOpened}, {@code acks=all}, idempotent.
 */
public record RawProducerThroughput(long records, int recordBytes, double seconds) {
  public static final int RECORD_BYTES = 700;

  public double perSecond() {
    return records / seconds;
  }

  public double megabytesPerSecond() {
    return records * (double) recordBytes / seconds / 1e6;
  }

  /** Sends {@code records} records to a topic of its own on the broker at {@code bootstrap}. */
  public static RawProducerThroughput measure(String bootstrap, int records) throws Exception {
    // a topic of the benchmark's own, partitioned like the alerts, never read
    var topic =
        new Topic(
            "bench.raw-producer", "none", Topics.ALERT_PARTITIONS, Topic.CleanupPolicy.DELETE);
    SharedKafka.createTopics(bootstrap, List.of(topic));
    var props = new HashMap<String, Object>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    var value = new byte[RECORD_BYTES];
    Arrays.fill(value, (byte) 'x');
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "warm-up", value)).get();
      var started = System.nanoTime();
      for (var i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic.name(), Integer.toString(i), value));
      }
      producer.flush();
      return new RawProducerThroughput(records, value.length, (System.nanoTime() - started) / 1e9);
    }
  }
}
