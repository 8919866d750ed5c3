package alerting.escalation.bench;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.DeliveryRequested;
import alerting.events.EventJson;
import alerting.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads, committed only, every escalation the worker sends (its SMS deliveries) and when it
 * processed each ack (the ACKNOWLEDGED state), noting when each escalation became visible.
 */
final class EscalationObserver implements AutoCloseable {
  /** One escalation: when the worker fired it, and when a consumer could first read it. */
  record Fired(int attempt, Instant firedAt, Instant seenAt) {}

  final Map<String, Queue<Fired>> escalations = new ConcurrentHashMap<>();
  final Map<String, Instant> ackProcessedAt = new ConcurrentHashMap<>();
  final AtomicLong lastEscalationSeenMillis = new AtomicLong();
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  EscalationObserver(String bootstrap) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        new StringDeserializer(), new ByteArrayDeserializer());
    var partitions = new java.util.ArrayList<TopicPartition>();
    for (var topic : List.of(Topics.DELIVERIES_SMS_CRITICAL, Topics.ALERT_STATE)) {
      for (int p = 0; p < topic.partitions(); p++) {
        partitions.add(new TopicPartition(topic.name(), p));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::run, "escalation-observer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      var records = consumer.poll(Duration.ofMillis(100));
      var seenAt = Instant.now();
      for (var record : records) {
        if (record.topic().equals(Topics.DELIVERIES_SMS_CRITICAL.name())) {
          var delivery = (DeliveryRequested) EventJson.read(record.value());
          escalations.computeIfAbsent(record.key(), id -> new ConcurrentLinkedQueue<>())
              .add(new Fired(delivery.attempt(), delivery.occurredAt(), seenAt));
          lastEscalationSeenMillis.set(seenAt.toEpochMilli());
        } else if (record.value() != null && acknowledged(record.value())) {
          var state = (AlertState) EventJson.read(record.value());
          if (state.status() == AlertStatus.ACKNOWLEDGED) {
            ackProcessedAt.putIfAbsent(record.key(), state.occurredAt());
          }
        }
      }
    }
    consumer.close();
  }

  /** Most states are not acknowledgments: skip parsing those. */
  private static boolean acknowledged(byte[] json) {
    return new String(json, StandardCharsets.UTF_8).contains("\"status\":\"ACKNOWLEDGED\"");
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
  }
}
