package alerting.escalation.bench;

import alerting.escalation.AlertFixtures;
import alerting.events.AckEvidence;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertAcknowledged;
import alerting.events.Channel;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the dispatcher and the ack-receiver: opens each alert with its first deadline, and
 * acknowledges the chosen ones on time. Later attempts wait an hour, so within a run every
 * unacknowledged alert escalates exactly once.
 */
final class LoadGenerator implements AutoCloseable {
  static final EscalationPlan PLAN = new EscalationPlan(Duration.ofHours(1), 1);

  private final KafkaProducer<String, Event> producer;
  private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();

  LoadGenerator(String bootstrap) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                10,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"),
            new StringSerializer(),
            new EventSerde().serializer());
  }

  /** Sends every alert and its first deadline; returns once the broker has them all. */
  void open(TimerBatch batch) {
    var now = Instant.now();
    for (var alertId : batch.alertIds) {
      send(
          Topics.ALERTS,
          AlertFixtures.opened(alertId, now, PLAN, AlertFixtures.EMAIL, AlertFixtures.SMS));
      send(
          Topics.ACK_TIMEOUTS,
          new AckTimeoutScheduled(UUID.randomUUID(), now, alertId, 1, batch.dueAt.get(alertId)));
    }
    producer.flush();
  }

  /** Acknowledges each chosen alert at its moment, recording when the broker confirmed it. */
  void scheduleAcks(TimerBatch batch) {
    batch.ackSendAt.forEach(
        (alertId, sendAt) ->
            acks.schedule(
                () -> {
                  var now = Instant.now();
                  var ack =
                      new AlertAcknowledged(
                          UUID.randomUUID(),
                          now,
                          alertId,
                          1,
                          Channel.EMAIL,
                          new AckEvidence("ciso@acme.test", "link confirmed", now));
                  producer.send(
                      new ProducerRecord<>(Topics.ACKS.name(), alertId, ack),
                      (meta, failure) -> {
                        if (failure == null) {
                          batch.ackConfirmedAt.put(alertId, Instant.now());
                        }
                      });
                },
                Math.max(0, Duration.between(Instant.now(), sendAt).toMillis()),
                TimeUnit.MILLISECONDS));
  }

  private void send(Topic topic, Event event) {
    producer.send(new ProducerRecord<>(topic.name(), event.key(), event));
  }

  @Override
  public void close() throws InterruptedException {
    acks.shutdown();
    acks.awaitTermination(1, TimeUnit.MINUTES);
    producer.close();
  }
}
