package alerting.dispatcher.sending;

import alerting.dispatcher.system.DeadLetters;
import alerting.dispatcher.system.DeliveryOutcomes;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import alerting.events.FollowUpRequested;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends a poll's worth of deliveries for one channel: provider calls run in parallel (paced by
 * the channel's rate), then every outcome is published on the listener thread, inside the poll's
 * Kafka transaction. Accepted → SENT; permanent → FAILED at once; transient → onto
 * {@code <topic>-retry} with back-off, and FAILED plus a dead letter once retries run out.
 *
 * <p>A crash between a provider accepting a send and the transaction committing re-delivers the
 * record to the next consumer, which sends it again: at most one duplicate message per delivery
 * id per crash. Within one healthy process, a rolled-back transaction never re-sends.
 */
@Component
public class DeliveryPipeline implements AutoCloseable {
  /**
   * A sender's poll is one Kafka transaction: while deliveries stream in, the broker holds a fetch
   * until a few hundred are there (or the wait is up), so a mass incident is sent in polls of
   * hundreds instead of dozens, with as many times fewer commits; an idle sender waits at most the
   * wait for a lone delivery.
   */
  public static final String FETCH_MIN_BYTES = "fetch.min.bytes=${alerting.dispatcher.senders.fetch-min-bytes:262144}";
  public static final String FETCH_MAX_WAIT = "fetch.max.wait.ms=${alerting.dispatcher.senders.fetch-max-wait-ms:100}";
  static final String RETRIES = "alerting-retries";
  static final String DUE_AT = "alerting-retry-due-at";
  static final String RETRY_REASON = "alerting-retry-reason";
  private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(DeliveryPipeline.class);

  private final DeliveryOutcomes outcomes;
  private final DeadLetters deadLetters;
  private final KafkaTemplate<String, Object> kafka;
  private final SendRates rates;
  private final DispatcherSettings.Senders settings;
  private final MeterRegistry meters;
  private final Map<Channel, ExecutorService> callers = new EnumMap<>(Channel.class);
  private final SentDeliveries sent = new SentDeliveries();
  private final Clock clock = Clock.systemUTC();
  /** [channel][accepted, permanent, transient]; registering is idempotent, so a race is harmless. */
  private final Timer[][] latencies = new Timer[Channel.values().length][3];

  DeliveryPipeline(DeliveryOutcomes outcomes, DeadLetters deadLetters,
      KafkaTemplate<String, Object> kafka, SendRates rates, DispatcherSettings settings,
      MeterRegistry meters) {
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.kafka = kafka;
    this.rates = rates;
    this.settings = settings.senders();
    this.meters = meters;
    for (var channel : Channel.values()) {
      callers.put(channel, Executors.newFixedThreadPool(this.settings.parallelCalls(), r -> {
        var thread = new Thread(r, "provider-" + channel.name().toLowerCase());
        thread.setDaemon(true);
        return thread;
      }));
    }
  }

  private record Job(ConsumerRecord<String, Object> record, Event request, int retries) {}

  /** Handles records of a channel's delivery topic, or of its retry topic once they are due. */
  public void handle(List<ConsumerRecord<String, Object>> records, ChannelProvider provider) {
    var jobs = new ArrayList<Job>();
    for (var record : records) {
      var value = record.value();
      if (value == null) {
        deadLetterUnreadable(record);
      } else if (value instanceof DeliveryRequested || value instanceof FollowUpRequested) {
        jobs.add(new Job(record, (Event) value, intHeader(record, RETRIES)));
      }
    }
    awaitDue(records);
    var calls = jobs.stream().map(job -> CompletableFuture.supplyAsync(
        () -> call(provider, job), callers.get(provider.channel()))).toList();
    for (var i = 0; i < jobs.size(); i++) {
      settle(provider.channel(), jobs.get(i), calls.get(i).join());
    }
  }

  private ProviderResult call(ChannelProvider provider, Job job) {
    if (job.request() instanceof DeliveryRequested delivery) {
      var already = sent.providerRef(delivery.deliveryId());
      if (already.isPresent()) {
        return new ProviderResult.Accepted(already.get());
      }
    }
    var started = System.nanoTime();
    ProviderResult result;
    try {
      rates.acquire(provider.channel());
      result = job.request() instanceof DeliveryRequested delivery
          ? provider.send(delivery) : provider.send((FollowUpRequested) job.request());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new ProviderResult.Transient("interrupted before sending");
    } catch (RuntimeException e) {
      log.error("{} provider failed unexpectedly", provider.channel(), e);
      result = new ProviderResult.Transient(e.toString());
    }
    latency(provider.channel(), result).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    if (result instanceof ProviderResult.Accepted accepted
        && job.request() instanceof DeliveryRequested delivery) {
      sent.remember(delivery.deliveryId(), accepted.providerRef());
    }
    return result;
  }

  /** The provider latency timer of a channel and outcome, looked up once, not per send. */
  private Timer latency(Channel channel, ProviderResult result) {
    var outcome = result instanceof ProviderResult.Accepted ? 0 : result instanceof ProviderResult.Permanent ? 1 : 2;
    var timer = latencies[channel.ordinal()][outcome];
    if (timer == null) {
      timer = Timer.builder("alerting.provider.latency").publishPercentileHistogram()
          .tag("channel", channel.name())
          .tag("outcome", result.getClass().getSimpleName().toLowerCase())
          .register(meters);
      latencies[channel.ordinal()][outcome] = timer;
    }
    return timer;
  }

  private void settle(Channel channel, Job job, ProviderResult result) {
    if (result instanceof ProviderResult.Accepted accepted) {
      outcome(job, DeliveryStatus.SENT, accepted.providerRef(), null);
    } else if (result instanceof ProviderResult.Permanent permanent) {
      log.warn("{} {} refused for good: {}", channel, id(job), permanent.reason());
      outcome(job, DeliveryStatus.FAILED, null, permanent.reason());
    } else if (job.retries() < settings.maxRetries()) {
      retryLater(channel, job, ((ProviderResult.Transient) result).reason());
    } else {
      var reason = "retries exhausted after " + job.retries() + ": "
          + ((ProviderResult.Transient) result).reason();
      log.warn("{} {} {}", channel, id(job), reason);
      outcome(job, DeliveryStatus.FAILED, null, reason);
      deadLetters.send(job.record(), job.request(), reason);
    }
  }

  private void outcome(Job job, DeliveryStatus status, String providerRef, String reason) {
    if (job.request() instanceof DeliveryRequested delivery) {
      outcomes.report(delivery, status, providerRef, reason);
    } else if (job.request() instanceof FollowUpRequested followUp) {
      meters.counter("alerting.followups", "channel", followUp.method().channel().name(),
          "outcome", status.name()).increment();
    }
  }

  private void retryLater(Channel channel, Job job, String reason) {
    var retry = job.retries() + 1;
    var dueAt = clock.instant().plus(settings.retryDelay(retry));
    var record = new ProducerRecord<String, Object>(DispatcherTopics.retry(channel.deliveryTopic()),
        null, job.record().key(), job.request());
    record.headers().add(RETRIES, Integer.toString(retry).getBytes(StandardCharsets.UTF_8));
    record.headers().add(DUE_AT, Long.toString(dueAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    record.headers().add(RETRY_REASON, reason.getBytes(StandardCharsets.UTF_8));
    kafka.send(record);
    meters.counter("alerting.deliveries.retries", "channel", channel.name()).increment();
    log.info("{} {} failed for now ({}); retry {} at {}", channel, id(job), reason, retry, dueAt);
  }

  /**
   * A retry is handled no earlier than its due time. Only the retry topic's own consumer waits
   * here; the main topic keeps flowing. Retries are written in due order, so the last record of a
   * poll is about the latest due.
   */
  private void awaitDue(List<ConsumerRecord<String, Object>> records) {
    var latest = records.stream().mapToLong(r -> longHeader(r, DUE_AT)).max().orElse(0);
    var wait = Duration.ofMillis(latest - clock.millis());
    if (!wait.isNegative() && !wait.isZero()) {
      LockSupport.parkNanos(wait.toNanos());
    }
  }

  private void deadLetterUnreadable(ConsumerRecord<String, Object> record) {
    var failure = SerializationUtils.getExceptionFromHeader(record,
        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
    if (failure == null) {
      return; // a tombstone: nothing to send
    }
    log.warn("unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
        failure.getMessage());
    deadLetters.send(record, failure.getData(), "unreadable: " + rootMessage(failure));
  }

  private static String rootMessage(Throwable e) {
    var cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  private static String id(Job job) {
    return job.request() instanceof DeliveryRequested d ? d.deliveryId()
        : ((FollowUpRequested) job.request()).followUpId();
  }

  private static int intHeader(ConsumerRecord<?, ?> record, String name) {
    return (int) longHeader(record, name);
  }

  private static long longHeader(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? 0 : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    callers.values().forEach(ExecutorService::shutdownNow);
  }
}
