package alerting.dispatcher.sending;

import alerting.dispatcher.system.DeadLetters;
import alerting.dispatcher.system.DeliveryOutcomes;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.system.DispatcherTopics;
import alerting.events.Channel;
import alerting.events.DeadLetterReason;
import alerting.kafka.DeadLettering;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import alerting.events.FollowUpRequested;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Sends a poll's worth of deliveries for one channel: provider calls run in parallel (as many as
 * the channel's rate × the provider's latency needs, see {@link CallConcurrency}; paced by the
 * channel's adaptive rate, see {@link SendRates}), then every outcome is published on the
 * listener thread, inside the poll's Kafka transaction. Accepted → SENT; permanent → FAILED at
 * once; throttled (429) → the channel slows down and the same send is tried again in place after
 * the provider's pause, a few times; transient → onto {@code <topic>-retry} with back-off, and
 * FAILED plus a dead letter once retries run out. A destination past its per-minute limit
 * ({@link DestinationLimits}) waits for its slot on {@code <topic>-retry}, without using up a retry.
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
  /** Set on a record waiting for the slot its destination booked: it is sent without booking again. */
  static final String SLOT_BOOKED = "alerting-destination-slot-booked";
  /** A 429 without Retry-After: a second lets the provider's own per-second window pass. */
  private static final Duration UNSAID_THROTTLE_PAUSE = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);
  private static final LogAccessor LOG_ACCESSOR = new LogAccessor(DeliveryPipeline.class);

  private final DeliveryOutcomes outcomes;
  private final DeadLetters deadLetters;
  private final KafkaTemplate<String, Object> kafka;
  private final SendRates rates;
  private final DestinationLimits destinations;
  private final DispatcherSettings.Senders settings;
  private final MeterRegistry meters;
  private final Map<Channel, CallConcurrency> callers = new EnumMap<>(Channel.class);
  private final SentDeliveries sent = new SentDeliveries();
  private final Clock clock = Clock.systemUTC();
  private final Meter.MeterProvider<Timer> latencies;

  DeliveryPipeline(DeliveryOutcomes outcomes, DeadLetters deadLetters,
      KafkaTemplate<String, Object> kafka, SendRates rates, DestinationLimits destinations,
      DispatcherSettings settings, MeterRegistry meters) {
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.kafka = kafka;
    this.rates = rates;
    this.destinations = destinations;
    this.settings = settings.senders();
    this.meters = meters;
    this.latencies = Timer.builder("alerting.provider.latency").publishPercentileHistogram().withRegistry(meters);
    for (var channel : Channel.values()) {
      var concurrency = new CallConcurrency("provider-" + channel.name().toLowerCase(),
          () -> rates.current(channel), this.settings.parallelCalls(), this.settings.maxParallelCalls());
      callers.put(channel, concurrency);
      Gauge.builder("alerting.senders.calls.limit", concurrency, CallConcurrency::limit)
          .description("provider calls the channel keeps in flight at most, from rate × latency")
          .tag("channel", channel.name()).register(meters);
    }
  }

  private record Job(ConsumerRecord<String, Object> record, Event request, int retries, boolean slotBooked) {}

  /** A call's result, or how long the send must wait for its destination's slot instead. */
  private record Called(ProviderResult result, Duration waitForSlot) {}

  /** Handles records of a channel's delivery topic, or of its retry topic once they are due. */
  public void handle(List<ConsumerRecord<String, Object>> records, ChannelProvider provider) {
    var jobs = new ArrayList<Job>();
    for (var record : records) {
      var value = record.value();
      if (value == null) {
        deadLetterUnreadable(record);
      } else if (value instanceof DeliveryRequested || value instanceof FollowUpRequested) {
        jobs.add(new Job(record, (Event) value, intHeader(record, RETRIES),
            record.headers().lastHeader(SLOT_BOOKED) != null));
      }
    }
    awaitDue(records);
    var calls = jobs.stream().map(job -> CompletableFuture.supplyAsync(
        () -> call(provider, job), callers.get(provider.channel()).executor())).toList();
    for (var i = 0; i < jobs.size(); i++) {
      var called = calls.get(i).join();
      if (called.waitForSlot() != null) {
        waitForSlot(provider.channel(), jobs.get(i), called.waitForSlot());
      } else {
        settle(provider.channel(), jobs.get(i), called.result());
      }
    }
  }

  private Called call(ChannelProvider provider, Job job) {
    if (job.request() instanceof DeliveryRequested delivery) {
      var already = sent.providerRef(delivery.deliveryId());
      if (already.isPresent()) {
        return new Called(new ProviderResult.Accepted(already.get()), null);
      }
    }
    var booking = DestinationLimits.Booking.NONE;
    if (!job.slotBooked()) {
      booking = destinations.book(provider.channel(), address(job));
      if (booking.waitFor().compareTo(Duration.ZERO) > 0) {
        return new Called(null, booking.waitFor());
      }
    }
    var result = sendThroughThrottling(provider, job);
    if (!(result instanceof ProviderResult.Accepted)) {
      booking.cancel();
    }
    if (result instanceof ProviderResult.Accepted accepted
        && job.request() instanceof DeliveryRequested delivery) {
      sent.remember(delivery.deliveryId(), accepted.providerRef());
    }
    return new Called(result, null);
  }

  /**
   * Sends, and when the provider says we send too fast, slows the channel down and sends again
   * after the pause it asked for, up to {@code throttledTries} times: a throttle is about the
   * account's pace, not this message, so the message keeps its place instead of going round the
   * retry topic. The channel pauses for the provider's Retry-After, but for at most
   * {@code maxThrottlePause}: a poll's Kafka transaction stays open meanwhile, and must commit
   * well within the producer's transaction timeout (60 s by default; 3 tries × 10 s fit). A send
   * asked to wait longer takes the retry topic at once, while the channel goes on at its
   * lowered rate.
   */
  private ProviderResult sendThroughThrottling(ChannelProvider provider, Job job) {
    var channel = provider.channel();
    for (var tries = 1; ; tries++) {
      var result = send(provider, job);
      if (result instanceof ProviderResult.Accepted) {
        rates.succeeded(channel);
        callers.get(channel).rateChanged();
        return result;
      }
      if (result instanceof ProviderResult.Transient failure && failure.overloaded()) {
        rates.throttled(channel, null);
        callers.get(channel).rateChanged();
        return result;
      }
      if (!(result instanceof ProviderResult.Throttled throttled)) {
        return result;
      }
      var pause = throttled.retryAfter() != null ? throttled.retryAfter() : UNSAID_THROTTLE_PAUSE;
      var tooLong = pause != null && pause.compareTo(settings.maxThrottlePause()) > 0;
      rates.throttled(channel, tooLong ? settings.maxThrottlePause() : pause);
      callers.get(channel).rateChanged();
      if (tries >= settings.throttledTries() || tooLong) {
        log.info("{} {} throttled {} time(s), now {}/s: {}", channel, id(job), tries,
            rates.current(channel), throttled.reason());
        return new ProviderResult.Transient(throttled.reason() + " (retry after " + pause + ")");
      }
      log.debug("{} {} throttled, now {}/s, sending again after {}", channel, id(job),
          rates.current(channel), pause);
    }
  }

  /** One provider call after the channel's next slot; its latency is timed, the wait is not. */
  private ProviderResult send(ChannelProvider provider, Job job) {
    var channel = provider.channel();
    try {
      rates.acquire(channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProviderResult.Transient("interrupted before sending");
    }
    var started = System.nanoTime();
    ProviderResult result;
    try {
      result = job.request() instanceof DeliveryRequested delivery
          ? provider.send(delivery) : provider.send((FollowUpRequested) job.request());
    } catch (RuntimeException e) {
      log.error("{} provider failed unexpectedly", channel, e);
      // the same line between bad data and a passing fault as every listener of every service draws
      result = DeadLettering.isRetryable(e) ? new ProviderResult.Transient(e.toString())
          : new ProviderResult.Permanent(DeadLetterReason.of(e));
    }
    var took = System.nanoTime() - started;
    latency(channel, result).record(took, TimeUnit.NANOSECONDS);
    if (result instanceof ProviderResult.Accepted) {
      callers.get(channel).accepted(took);
    }
    return result;
  }

  /** The provider latency timer of a channel and outcome; a throttle is timed as the transient failure it is. */
  private Timer latency(Channel channel, ProviderResult result) {
    var outcome = result instanceof ProviderResult.Accepted ? "accepted"
        : result instanceof ProviderResult.Permanent ? "permanent" : "transient";
    return latencies.withTags("channel", channel.name(), "outcome", outcome);
  }

  private void settle(Channel channel, Job job, ProviderResult result) {
    if (result instanceof ProviderResult.Accepted accepted) {
      outcome(job, DeliveryStatus.SENT, accepted.providerRef(), null);
    } else if (result instanceof ProviderResult.Permanent permanent) {
      log.warn("{} {} refused for good: {}", channel, id(job), permanent.reason());
      outcome(job, DeliveryStatus.FAILED, null, permanent.reason());
    } else if (job.retries() < settings.maxRetries()) {
      retryLater(channel, job, reason(result));
    } else {
      var reason = "retries exhausted after " + job.retries() + ": " + reason(result);
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
    kafka.send(retryRecord(channel, job, retry, dueAt, reason));
    meters.counter("alerting.deliveries.retries", "channel", channel.name()).increment();
    log.info("{} {} failed for now ({}); retry {} at {}", channel, id(job), reason, retry, dueAt);
  }

  /**
   * The destination had its messages for this window: the send waits on the retry topic for the
   * slot it booked, keeping its retry count, so a busy destination delays sends but never fails them.
   */
  private void waitForSlot(Channel channel, Job job, Duration wait) {
    var dueAt = clock.instant().plus(wait);
    var record = retryRecord(channel, job, job.retries(), dueAt, "destination limit: "
        + settings.perDestination(channel) + " per " + settings.perDestinationWindow());
    record.headers().add(SLOT_BOOKED, new byte[] {1});
    kafka.send(record);
    meters.counter("alerting.senders.destination.delayed", "channel", channel.name()).increment();
    log.info("{} {} waits for its destination's slot at {}", channel, id(job), dueAt);
  }

  private static ProducerRecord<String, Object> retryRecord(Channel channel, Job job, int retries,
      Instant dueAt, String reason) {
    var record = new ProducerRecord<String, Object>(channel.deliveryTopic().retry(),
        null, job.record().key(), job.request());
    record.headers().add(RETRIES, Integer.toString(retries).getBytes(StandardCharsets.UTF_8));
    record.headers().add(DUE_AT, Long.toString(dueAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    record.headers().add(RETRY_REASON, reason.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private static String reason(ProviderResult failure) {
    return failure instanceof ProviderResult.Transient t ? t.reason()
        : failure instanceof ProviderResult.Throttled t ? t.reason() : failure.toString();
  }

  private static String address(Job job) {
    return job.request() instanceof DeliveryRequested d ? d.method().address()
        : ((FollowUpRequested) job.request()).method().address();
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
        DeadLetterReason.of(failure));
    deadLetters.send(record, failure.getData(), DeadLetterReason.of(failure));
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
    callers.values().forEach(CallConcurrency::close);
  }
}
