import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one record no service can read to each topic given, so ops/verify-metrics.sh can see the
 * dead-letter path move. Run with kafka-clients on the class path:
 * {@code java -cp kafka-clients.jar:slf4j-api.jar SendUnreadableRecord.java localhost:9092 incidents.v1}
 */
public class SendUnreadableRecord {
  public static void main(String[] args) throws Exception {
    var props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (var i = 1; i < args.length; i++) {
        var sent = producer.send(new ProducerRecord<>(args[i], "verify-metrics-poison",
            "{\"type\":\"no-such-event.v1\",\"this\":\"is not an event\"}")).get();
        System.out.println("unreadable record sent to " + sent.topic() + "-" + sent.partition()
            + "@" + sent.offset());
      }
    }
  }
}
