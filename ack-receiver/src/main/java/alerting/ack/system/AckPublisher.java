package alerting.ack.system;

import alerting.events.Event;
import alerting.events.Topic;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what a verified request proved, and waits for the broker to confirm before the
 * caller answers: a contact told "acknowledged" must really be on record.
 */
@Component
public class AckPublisher {
  private final KafkaTemplate<String, Event> kafka;

  AckPublisher(KafkaTemplate<String, Event> kafka) {
    this.kafka = kafka;
  }

  public void publish(Topic topic, Event event) {
    try {
      kafka.send(topic.name(), event.key(), event).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }
}
