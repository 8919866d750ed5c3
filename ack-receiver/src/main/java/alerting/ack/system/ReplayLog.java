package alerting.ack.system;

import alerting.events.Topics;
import alerting.kafka.KafkaClients;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Which webhook requests have been acted on, shared by every instance and kept across restarts in
 * the compacted {@code webhooks.answered.v1}. Before acting on a request an instance writes a claim
 * for it, reads its partition back up to that claim, and acts only if the first claim in the log is
 * its own: records of one request share a partition, so the log's order decides between instances,
 * and a claim is on record before anything is published. The answer follows, so a repeat reaching
 * any instance gets it again. Only the last {@code replayWindow} is kept in memory (bounded), read
 * from the topic at start-up.
 */
@Component
public class ReplayLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplayLog.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final Duration READ_BACK = Duration.ofSeconds(5);
  private static final String TOPIC = Topics.WEBHOOKS_ANSWERED.name();

  /** What the log says about one request: who claimed it first, and the answer once given. */
  record Entry(String owner, String answer, Instant at) {}

  /** The outcome of a claim. */
  public sealed interface Decision {}

  /** This instance holds the first claim: act, then {@link #answered} or {@link #release}. */
  public record Claimed(String claimId) implements Decision {}

  /** Acted on before, here or elsewhere, within the window: this is the answer it got. */
  public record AnsweredBefore(String answer) implements Decision {}

  /**
   * Claimed elsewhere and not answered yet (or its instance died): the caller should retry later.
   */
  public static final class AnswerPending extends RuntimeException {
    AnswerPending() {
      super("a repeat of a webhook another instance claimed and has not answered yet");
    }
  }

  private final Cache<String, Entry> entries;
  private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
  private final Producer<String, String> producer;
  private final Consumer<String, String> consumer;
  private final Duration window;
  private final Clock clock = Clock.systemUTC();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean running = true;

  ReplayLog(KafkaProperties kafka, AckReceiverSettings settings) {
    this.window = settings.twilio().replayWindow();
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(settings.limits().trackedKeys())
            .expireAfter(Expiry.<String, Entry>writing((id, entry) -> remaining(entry)))
            .build();
    var producerProps = new HashMap<>(kafka.buildProducerProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "ack-receiver-replays-" + UUID.randomUUID());
    this.producer =
        KafkaClients.producer(producerProps, new StringSerializer(), new StringSerializer());
    var consumerProps = new HashMap<>(kafka.buildConsumerProperties());
    consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "ack-receiver-replays-" + UUID.randomUUID());
    this.consumer =
        KafkaClients.consumer(consumerProps, new StringDeserializer(), new StringDeserializer());
    this.reader = new Thread(this::follow, "replay-log");
    reader.setDaemon(true);
    // start-up does not wait for the log: readiness does (isCaughtUp), and a claim made before
    // then waits for it, so a repeat is never taken for a new request
    reader.start();
  }

  /** Whether the log has read what was on the topic when this instance started. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  private void awaitCaughtUp() {
    try {
      if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "replay log still catching up after {}; repeats may be answered as new meanwhile",
            CATCH_UP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Claims the request {@code id} for this instance, unless it was acted on within the window.
   * Throws {@link AckPublisher.PublishFailedException} when the claim cannot be recorded and {@link
   * AnswerPending} when another instance holds it: either way nothing may be acted on.
   */
  public Decision claim(String id) {
    awaitCaughtUp();
    var known = seen(id);
    if (known.isPresent()) {
      return decided(known.get(), null);
    }
    var claimId = UUID.randomUUID().toString();
    var written = write(id, "claim|" + claimId);
    if (!readBack(written.partition(), written.offset())) {
      throw new AckPublisher.PublishFailedException(
          Topics.WEBHOOKS_ANSWERED,
          new IllegalStateException("own claim not read back within " + READ_BACK));
    }
    return decided(seen(id).orElseThrow(() -> new AnswerPending()), claimId);
  }

  /** Records the answer to a request this instance claimed, for repeats reaching any instance. */
  public void answered(String id, Claimed claim, String answer) {
    try {
      write(id, "answer|" + claim.claimId() + "|" + answer);
    } catch (AckPublisher.PublishFailedException e) {
      // acted on already, and the claim alone refuses repeats: they get a 503 instead of the answer
      log.warn(
          "answer to a webhook not recorded; repeats will be refused without it", e.getCause());
    }
  }

  /** Gives up a claim whose handling failed, so Twilio's retry gets another chance. */
  public void release(String id, Claimed claim) {
    try {
      write(id, "release|" + claim.claimId());
    } catch (AckPublisher.PublishFailedException e) {
      log.warn(
          "failed webhook's claim not released; its retries are refused for the replay window",
          e.getCause());
    }
  }

  private Decision decided(Entry entry, String claimId) {
    if (entry.answer() != null) {
      return new AnsweredBefore(entry.answer());
    }
    if (entry.owner().equals(claimId)) {
      return new Claimed(claimId);
    }
    throw new AnswerPending();
  }

  private Optional<Entry> seen(String id) {
    return Optional.ofNullable(entries.getIfPresent(id)).filter(e -> !remaining(e).isZero());
  }

  private Duration remaining(Entry entry) {
    var left = window.minus(Duration.between(entry.at(), clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private org.apache.kafka.clients.producer.RecordMetadata write(String id, String value) {
    try {
      return producer.send(new ProducerRecord<>(TOPIC, id, value)).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AckPublisher.PublishFailedException(Topics.WEBHOOKS_ANSWERED, e);
    } catch (Exception e) {
      throw new AckPublisher.PublishFailedException(Topics.WEBHOOKS_ANSWERED, e);
    }
  }

  private boolean readBack(int partition, long offset) {
    var deadline = System.nanoTime() + READ_BACK.toNanos();
    synchronized (readUpTo) {
      while (readUpTo.getOrDefault(partition, 0L) <= offset) {
        var left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(readUpTo, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void follow() {
    try {
      var partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var target = new HashMap<>(consumer.endOffsets(partitions));
      while (running) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (var record : records) {
          apply(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
        }
        synchronized (readUpTo) {
          partitions.forEach(p -> readUpTo.put(p.partition(), consumer.position(p)));
          readUpTo.notifyAll();
        }
        if (caughtUp.getCount() > 0) {
          target.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
          if (target.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException | InterruptedException stopping) {
      // close() woke the poll
    } catch (RuntimeException e) {
      log.error("replay log stopped following {}", TOPIC, e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /**
   * The topic's partitions, once it exists: this service creates it (KafkaAdmin) only after its
   * beans are made, and a topic that does not exist yet holds nothing to catch up on.
   */
  private List<TopicPartition> partitions() throws InterruptedException {
    while (true) {
      var partitions =
          consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (!partitions.isEmpty() || !running) {
        return partitions;
      }
      caughtUp.countDown();
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /**
   * claim|owner, answer|owner|text, release|owner: the first claim wins, later ones are ignored.
   */
  private void apply(String id, String value, Instant at) {
    if (id == null
        || value == null
        || Duration.between(at, clock.instant()).compareTo(window) >= 0) {
      return;
    }
    var fields = value.split("\\|", 3);
    if (fields.length < 2) {
      return;
    }
    var owner = fields[1];
    entries
        .asMap()
        .compute(
            id,
            (key, entry) ->
                switch (fields[0]) {
                  case "claim" -> entry == null ? new Entry(owner, null, at) : entry;
                  case "answer" ->
                      entry == null || entry.owner().equals(owner)
                          ? new Entry(
                              owner,
                              fields.length == 3 ? fields[2] : "",
                              entry == null ? at : entry.at())
                          : entry;
                  case "release" ->
                      entry != null && entry.owner().equals(owner) && entry.answer() == null
                          ? null
                          : entry;
                  default -> entry;
                });
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
