package alerting.escalation.bench;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.DeliveryRequested;
import alerting.events.EventJson;
import alerting.events.Topics;
import alerting.testsupport.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads, committed only, every escalation the worker sends (its SMS deliveries) and when it
 * processed each ack (the ACKNOWLEDGED state), noting when each escalation became visible.
 */
final class EscalationObserver implements AutoCloseable {
  /** One escalation: when the worker fired it, and when a consumer could first read it. */
  record Fired(int attempt, Instant firedAt, Instant seenAt, int partition) {}

  final Map<String, Queue<Fired>> escalations = new ConcurrentHashMap<>();
  final Map<String, Instant> ackProcessedAt = new ConcurrentHashMap<>();
  final AtomicLong lastEscalationSeenMillis = new AtomicLong();
  private final TopicRecorder<byte[]> reader;

  EscalationObserver(String bootstrap) {
    reader =
        TopicRecorder.following(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            List.of(Topics.DELIVERIES_SMS_CRITICAL.name(), Topics.ALERT_STATE.name()),
            new ByteArrayDeserializer(),
            this::observe);
  }

  private void observe(ConsumerRecord<String, byte[]> record) {
    var seenAt = Instant.now();
    if (record.topic().equals(Topics.DELIVERIES_SMS_CRITICAL.name())) {
      var delivery = (DeliveryRequested) EventJson.read(record.value());
      escalations
          .computeIfAbsent(record.key(), id -> new ConcurrentLinkedQueue<>())
          .add(new Fired(delivery.attempt(), delivery.occurredAt(), seenAt, record.partition()));
      lastEscalationSeenMillis.set(seenAt.toEpochMilli());
    } else if (record.value() != null && acknowledged(record.value())) {
      var state = (AlertState) EventJson.read(record.value());
      if (state.status() == AlertStatus.ACKNOWLEDGED) {
        ackProcessedAt.putIfAbsent(record.key(), state.occurredAt());
      }
    }
  }

  /** Most states are not acknowledgments: skip parsing those. */
  private static boolean acknowledged(byte[] json) {
    return new String(json, StandardCharsets.UTF_8).contains("\"status\":\"ACKNOWLEDGED\"");
  }

  @Override
  public void close() {
    reader.close();
  }
}
