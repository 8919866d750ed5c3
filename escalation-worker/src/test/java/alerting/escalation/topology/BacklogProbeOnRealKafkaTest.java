package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.Channel;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topic;
import alerting.testsupport.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe's rounds on a real broker, with the task's reading played by hand: a round confirms a
 * task only when no record it will be handed lies between what it processed and the last stable
 * offset — transaction markers, aborted records and unreadable values do not count.
 */
class BacklogProbeOnRealKafkaTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final String prefix = "probe-" + UUID.randomUUID();
  private final Topic acks = new Topic(prefix + "-acks", "alertId", 2, Topic.CleanupPolicy.DELETE);
  private final Topic alerts =
      new Topic(prefix + "-alerts", "alertId", 2, Topic.CleanupPolicy.DELETE);
  private final TopicPartition acks0 = new TopicPartition(acks.name(), 0);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private BacklogProbe probe;
  private long started;

  @BeforeEach
  void startProbe() {
    SharedKafka.createTopics(List.of(acks, alerts));
    probe =
        new BacklogProbe(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            prefix,
            List.of(acks, alerts),
            PATIENCE,
            new SimpleMeterRegistry());
    started = System.currentTimeMillis();
  }

  @AfterEach
  void close() throws Exception {
    probe.close();
    for (var closeable : closing) {
      closeable.close();
    }
  }

  @Test
  void aTaskWithNothingOnTheBrokerIsConfirmedByItsFirstRound() {
    var task = probe.track("0_0", 0, started, PATIENCE);

    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= started);
  }

  @Test
  void aTaskIsNotConfirmedWhileARecordItWillBeHandedIsUnreadAndIsOnceItIsProcessed() {
    var producer = transactional();
    var offsets = sendCommitted(producer, 3);
    var task = probe.track("0_0", 0, started, PATIENCE);
    processed(task, offsets.get(0));
    processed(task, offsets.get(1));

    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> task.horizon(now(), 0) == Long.MIN_VALUE);

    processed(task, offsets.get(2));
    var afterLast = now();
    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= afterLast);
  }

  @Test
  void aConfirmedTaskFallsBehindWhenNewRecordsArriveAndCatchesUpWhenItReadsThem() {
    var producer = transactional();
    var task = probe.track("0_0", 0, started, PATIENCE);
    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= started);

    var offsets = sendCommitted(producer, 1);
    var sent = now();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(PATIENCE)
        .until(() -> task.horizon(now(), 0) < sent);

    processed(task, offsets.get(0));
    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= sent);
  }

  @Test
  void abortedRecordsAndUnreadableValuesAfterTheLastProcessedOneDoNotHoldTheTask() {
    var producer = transactional();
    var offsets = sendCommitted(producer, 1);
    producer.beginTransaction();
    producer.send(record(ack()));
    producer.flush();
    producer.abortTransaction();
    try (var raw =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(acks.name(), 0, "x", "not an event".getBytes())).get();
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
    var task = probe.track("0_0", 0, started, PATIENCE);
    processed(task, offsets.get(0));
    var now = now();

    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= now);
  }

  @Test
  void theWorkersOwnDeadlineSchedulesAfterTheLastProcessedRecordDoNotHoldTheTask() {
    var producer = transactional();
    var offsets = sendCommitted(producer, 1);
    producer.beginTransaction();
    var own = record(ack());
    OwnSchedules.mark(own.headers());
    producer.send(own);
    producer.commitTransaction();
    var task = probe.track("0_0", 0, started, PATIENCE);
    processed(task, offsets.get(0));
    var now = now();

    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= now);
  }

  @Test
  void onlyTheTaskWithUnreadRecordsWaits() {
    var producer = transactional();
    sendCommitted(producer, 1);
    var behind = probe.track("0_0", 0, started, PATIENCE);
    var other = probe.track("0_1", 1, started, PATIENCE);

    await().atMost(PATIENCE).until(() -> other.horizon(now(), 0) >= started);
    assertThat(behind.horizon(now(), 0)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aTaskThatKeepsUpWithSteadyInputIsConfirmedWithinAFractionOfASecond() throws Exception {
    // records keep arriving, and the task handles each about 100 ms after it could be read (as a
    // stream thread does, between polls and commits): whatever moment the end offsets are listed,
    // the last records before them are still unread by the task
    var task = probe.track("0_0", 0, started, PATIENCE);
    await().atMost(PATIENCE).until(() -> task.horizon(now(), 0) >= started);
    var running = new java.util.concurrent.atomic.AtomicBoolean(true);
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    var producing =
        new Thread(
            () -> {
              try {
                var producer = transactional();
                while (running.get()) {
                  sendCommitted(producer, 1);
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    var reading =
        new Thread(
            () -> {
              var props = SharedKafka.consumerProps(prefix + "-task");
              props.put("isolation.level", "read_committed");
              try (var consumer =
                  new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                      props,
                      new org.apache.kafka.common.serialization.StringDeserializer(),
                      new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                consumer.assign(List.of(acks0));
                consumer.seekToBeginning(List.of(acks0));
                var polled = new java.util.ArrayDeque<long[]>();
                while (running.get()) {
                  for (var record : consumer.poll(Duration.ofMillis(10))) {
                    polled.add(new long[] {record.offset(), now()});
                  }
                  while (!polled.isEmpty() && polled.peek()[1] <= now() - 100) {
                    processed(task, polled.poll()[0]);
                  }
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    producing.start();
    reading.start();
    try {
      var loadStarted = now();
      await()
          .pollDelay(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(5))
          .until(() -> now() - loadStarted >= 4_000);
      assertThat(failure.get()).isNull();
      var lag = now() - task.horizon(now(), 0);
      assertThat(lag).as("how far the confirmed horizon trails the clock, ms").isLessThan(1_000);
    } finally {
      running.set(false);
      producing.join();
      reading.join();
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** The task was handed the record at {@code offset} of partition 0 of the acks topic. */
  private void processed(ReadHorizon task, long offset) {
    task.processed(
        new org.apache.kafka.streams.processor.api.RecordMetadata() {
          @Override
          public String topic() {
            return acks0.topic();
          }

          @Override
          public int partition() {
            return acks0.partition();
          }

          @Override
          public long offset() {
            return offset;
          }
        });
  }

  private KafkaProducer<String, Event> transactional() {
    var props = SharedKafka.producerProps();
    props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-" + UUID.randomUUID());
    var producer =
        new KafkaProducer<>(props, new StringSerializer(), new EventSerde().serializer());
    producer.initTransactions();
    closing.add(producer);
    return producer;
  }

  /** Sends n acks to partition 0 of the acks topic in one committed transaction. */
  private List<Long> sendCommitted(KafkaProducer<String, Event> producer, int n) {
    producer.beginTransaction();
    var sent = new ArrayList<java.util.concurrent.Future<RecordMetadata>>();
    for (int i = 0; i < n; i++) {
      sent.add(producer.send(record(ack())));
    }
    producer.commitTransaction();
    var offsets = new ArrayList<Long>();
    for (var future : sent) {
      try {
        offsets.add(future.get().offset());
      } catch (Exception failure) {
        throw new IllegalStateException(failure);
      }
    }
    return offsets;
  }

  private ProducerRecord<String, Event> record(Event event) {
    return new ProducerRecord<>(acks.name(), 0, event.key(), event);
  }

  private static AlertAcknowledged ack() {
    var at = Instant.now();
    return new AlertAcknowledged(
        UUID.randomUUID(),
        at,
        "probe-" + UUID.randomUUID(),
        1,
        Channel.EMAIL,
        new AckEvidence("ciso@acme.test", "link confirmed", at));
  }
}
