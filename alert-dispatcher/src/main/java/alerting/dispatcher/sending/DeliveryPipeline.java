package alerting.dispatcher.sending;

import alerting.dispatcher.system.DeadLetters;
import alerting.dispatcher.system.DeliveryOutcomes;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.Channel;
import alerting.events.DeadLetterReason;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.Event;
import alerting.events.FollowUpRequested;
import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Sends a poll's worth of deliveries for one channel: provider calls run in parallel (as many as
 * the channel's rate × the provider's latency needs, see {@link CallConcurrency}; paced by the
 * channel's adaptive rate, see {@link SendRates}), then every outcome is published on the listener
 * thread, inside the poll's Kafka transaction. Accepted → SENT; permanent → FAILED at once;
 * throttled (429) → the channel slows down and the same send is tried again in place after the
 * provider's pause, a few times; transient → onto {@code <topic>-retry} with back-off, and FAILED
 * plus a dead letter once retries run out. A destination past its per-minute limit ({@link
 * DestinationLimits}) waits for its slot on {@code <topic>-retry}, without using up a retry.
 *
 * <p>A record on {@code <topic>-retry} carries spring-kafka's retry-topic headers ({@link
 * RetryTopicHeaders#DEFAULT_HEADER_ATTEMPTS}, the attempt its send from the retry topic is, a
 * 4-byte int; {@link RetryTopicHeaders#DEFAULT_HEADER_BACKOFF_TIMESTAMP}, when it is due, epoch
 * millis as {@link BigInteger#toByteArray()}, both as spring-kafka writes them) and, for why and
 * where from, the headers of the one dead-letter contract ({@link DeadLettering#addHeaders}), plus
 * {@link #SLOT_BOOKED} when it waits for its destination's slot.
 *
 * <p>A crash between a provider accepting a send and the transaction committing re-delivers the
 * record to the next consumer, which sends it again: at most one duplicate message per delivery id
 * per crash, unless the alert was acknowledged or closed meanwhile (below). Within one healthy
 * process, a rolled-back transaction never re-sends: the records come again (after a rollback, or
 * after the broker aborted the transaction and fenced the producer, see {@code FencedListeners})
 * and are reported from {@link SentDeliveries}.
 *
 * <p>An alert delivery whose alert is already acknowledged or closed ({@link SettledAlerts}) is not
 * sent when its turn comes, first send or retry, any channel: it is reported NOT_SENT with the
 * reason and counted in {@code alerting.deliveries.skipped}. The check is made when the send's turn
 * comes, before its destination slot and the provider call; an ack read only after that cannot call
 * back a message already at the provider, and one recorded a moment before may not be read yet (the
 * view follows the topics within a poll's time). Follow-ups are not alert deliveries and are always
 * sent.
 */
@Component
public class DeliveryPipeline implements AutoCloseable {
  /**
   * A sender's poll is one Kafka transaction: while deliveries stream in, the broker holds a fetch
   * until a few hundred are there (or the wait is up), so a mass incident is sent in polls of
   * hundreds instead of dozens, with as many times fewer commits; an idle sender waits at most the
   * wait for a lone delivery.
   */
  public static final String FETCH_MIN_BYTES =
      "fetch.min.bytes=${alerting.dispatcher.senders.fetch-min-bytes:262144}";

  public static final String FETCH_MAX_WAIT =
      "fetch.max.wait.ms=${alerting.dispatcher.senders.fetch-max-wait-ms:100}";

  /**
   * Set on a retry record waiting for the slot its destination booked: it is sent without booking
   * again. Spring Kafka has no header for this; it is the one retry header of our own.
   */
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
  private final Meter.MeterProvider<Counter> retries;
  private final Meter.MeterProvider<Counter> deferred;
  private final Meter.MeterProvider<Counter> delayed;
  private final Meter.MeterProvider<Counter> followUps;
  private final Map<Channel, CallConcurrency> callers = new EnumMap<>(Channel.class);
  private final SentDeliveries sent = new SentDeliveries();
  private final Clock clock = Clock.systemUTC();
  private final Meter.MeterProvider<Timer> latencies;
  private final SettledAlerts settled;
  private final Meter.MeterProvider<Counter> skipped;

  DeliveryPipeline(
      DeliveryOutcomes outcomes,
      DeadLetters deadLetters,
      KafkaTemplate<String, Object> kafka,
      SendRates rates,
      DestinationLimits destinations,
      DispatcherSettings settings,
      MeterRegistry meters,
      SettledAlerts settled) {
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.kafka = kafka;
    this.rates = rates;
    this.destinations = destinations;
    this.settings = settings.senders();
    this.latencies =
        Timer.builder("alerting.provider.latency")
            .description(
                "How long a provider call took (SMTP send, Twilio API request), by channel and"
                    + " outcome (accepted, transient, permanent)")
            // buckets from 1 ms to the longest a call may take (SMTP and Twilio time out at 30 s)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(1))
            .withRegistry(meters);
    this.retries =
        Counter.builder("alerting.deliveries.retries")
            .description("Sends put on the retry topic after a transient provider failure")
            .withRegistry(meters);
    this.deferred =
        Counter.builder("alerting.senders.deferred")
            .description(
                "Sends handed on to the retry topic, due at once, because the poll's deadline"
                    + " passed before their call")
            .withRegistry(meters);
    this.delayed =
        Counter.builder("alerting.senders.destination.delayed")
            .description(
                "Sends made to wait for their destination's slot (a per-destination limit)")
            .withRegistry(meters);
    this.followUps =
        Counter.builder("alerting.followups")
            .description("Incident follow-ups (update, closure) sent, by channel and outcome")
            .withRegistry(meters);
    this.settled = settled;
    this.skipped =
        Counter.builder("alerting.deliveries.skipped")
            .description(
                "alert deliveries not sent because the alert was already acknowledged or closed,"
                    + " by channel and reason")
            .withRegistry(meters);
    for (var channel : Channel.values()) {
      var concurrency =
          new CallConcurrency(
              "provider-" + channel.name().toLowerCase(),
              () -> rates.current(channel),
              this.settings.parallelCalls(),
              this.settings.maxParallelCalls());
      callers.put(channel, concurrency);
      // at zero from start-up: a counter that appears at its first increment is missed by rate()
      retries.withTags("channel", channel.name());
      deferred.withTags("channel", channel.name());
      delayed.withTags("channel", channel.name());
      for (var why : SettledAlerts.Why.values()) {
        skipped.withTags("channel", channel.name(), "reason", why.tag());
      }
      for (var outcome : List.of("accepted", "transient", "permanent")) {
        latencies.withTags("channel", channel.name(), "outcome", outcome);
      }
      for (var status : List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED)) {
        followUps.withTags("channel", channel.name(), "outcome", status.name());
      }
      Gauge.builder("alerting.senders.calls.limit", concurrency, CallConcurrency::limit)
          .description("provider calls the channel keeps in flight at most, from rate × latency")
          .tag("channel", channel.name())
          .register(meters);
    }
  }

  private record Job(
      ConsumerRecord<String, Object> record, Event request, int retries, boolean slotBooked) {}

  /**
   * A call's result, or how long the send must wait for its destination's slot instead, or why it
   * is not sent at all, or that it was not made because the poll's deadline had passed.
   */
  private record Called(
      ProviderResult result, Duration waitForSlot, SettledAlerts.Why notSent, boolean deferred) {
    static final Called DEFERRED = new Called(null, null, null, true);

    Called(ProviderResult result, Duration waitForSlot) {
      this(result, waitForSlot, null, false);
    }
  }

  /**
   * Handles a poll of a channel's retry topic without waiting on the listener thread: the records
   * before the first one not yet due are handled, and that one and those after it are handed back
   * with {@link Acknowledgment#nack(int, Duration)} for as long as it still has to wait. The
   * container commits the handled ones' offsets in the poll's transaction, seeks back to the rest
   * and pauses the consumer for the wait while it goes on polling, so the group never thinks it
   * dead and a stop is not held up; then the rest arrive again (within the retry listener's short
   * poll timeout, {@code SenderListeners.RETRY_POLL_TIMEOUT}, of the wait's end). Why nack rather
   * than spring-kafka's {@code KafkaBackoffException}: that one is thrown, and an exception from a
   * batch listener rolls back the whole poll's transaction, re-sending what was already sent; nack
   * needs only the listener's MANUAL ack mode. Records behind a waiting one, on any partition of
   * the poll, wait with it, which is no later than before, when the poll waited for its latest
   * record.
   */
  public void handleDue(
      List<ConsumerRecord<String, Object>> records,
      ChannelProvider provider,
      Acknowledgment acknowledgment) {
    var now = clock.millis();
    var notDue = 0;
    while (notDue < records.size() && dueAt(records.get(notDue)) <= now) {
      notDue++;
    }
    handle(records.subList(0, notDue), provider);
    if (notDue < records.size()) {
      var wait = Duration.ofMillis(dueAt(records.get(notDue)) - now);
      log.debug(
          "{} of {} retries not due yet; handed back for {}",
          records.size() - notDue,
          records.size(),
          wait);
      acknowledgment.nack(notDue, wait);
    } else {
      acknowledgment.acknowledge();
    }
  }

  /**
   * Handles records of a channel's delivery topic, or due ones of its retry topic. No provider call
   * starts later than the poll deadline ({@code senders.poll-deadline}) after the poll began: the
   * deliveries left go to the retry topic, due at once, in this poll's transaction. A poll that
   * kept sending past it (a slow SMTP server, a pool waiting for connections) once outlived the
   * transaction timeout; the broker aborted its transaction with the SENT reports of everything it
   * had sent (docs/reliability.md, finding 2).
   */
  public void handle(List<ConsumerRecord<String, Object>> records, ChannelProvider provider) {
    var deadline = System.nanoTime() + settings.pollDeadline().toNanos();
    var jobs = new ArrayList<Job>();
    for (var record : records) {
      var value = record.value();
      if (value == null) {
        deadLetterUnreadable(record);
      } else if (value instanceof DeliveryRequested || value instanceof FollowUpRequested) {
        jobs.add(
            new Job(
                record,
                (Event) value,
                retriesOf(record),
                record.headers().lastHeader(SLOT_BOOKED) != null));
      }
    }
    var calls =
        jobs.stream()
            .map(
                job ->
                    CompletableFuture.supplyAsync(
                        () -> call(provider, job, deadline),
                        callers.get(provider.channel()).executor()))
            .toList();
    for (var i = 0; i < jobs.size(); i++) {
      var called = calls.get(i).join();
      if (called.deferred()) {
        handOn(provider.channel(), jobs.get(i));
      } else if (called.notSent() != null) {
        notSent(provider.channel(), jobs.get(i), called.notSent());
      } else if (called.waitForSlot() != null) {
        waitForSlot(provider.channel(), jobs.get(i), called.waitForSlot());
      } else {
        settle(provider.channel(), jobs.get(i), called.result());
      }
    }
  }

  private Called call(ChannelProvider provider, Job job, long deadline) {
    if (job.request() instanceof DeliveryRequested delivery) {
      var already = sent.providerRef(delivery.deliveryId());
      if (already.isPresent()) {
        return new Called(new ProviderResult.Accepted(already.get()), null);
      }
      var why = settled.why(delivery.alertId());
      if (why.isPresent()) {
        return new Called(null, null, why.get(), false);
      }
    }
    if (System.nanoTime() - deadline > 0) {
      return Called.DEFERRED;
    }
    var booking = DestinationLimits.Booking.NONE;
    if (!job.slotBooked()) {
      booking = destinations.book(provider.channel(), address(job));
      if (booking.waitFor().compareTo(Duration.ZERO) > 0) {
        return new Called(null, booking.waitFor());
      }
    }
    var result = sendThroughThrottling(provider, job, deadline);
    if (!(result instanceof ProviderResult.Accepted)) {
      booking.cancel();
    }
    if (result == null) {
      return Called.DEFERRED;
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
   * retry topic. The channel pauses for the provider's Retry-After, but for at most {@code
   * maxThrottlePause}: a poll's Kafka transaction stays open meanwhile, and must commit well within
   * the producer's transaction timeout ({@code alerting.dispatcher.kafka.transaction-timeout}, 60
   * s; no try starts after the poll deadline, 15 s). A send asked to wait longer takes the retry
   * topic at once, while the channel goes on at its lowered rate. Null when the poll's deadline
   * passed before a try (waiting for the channel's pace or a pause): nothing was sent and the send
   * is handed on.
   */
  private ProviderResult sendThroughThrottling(ChannelProvider provider, Job job, long deadline) {
    var channel = provider.channel();
    for (var tries = 1; ; tries++) {
      var result = send(provider, job, deadline);
      if (result == null) {
        return null;
      }
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
        log.info(
            "{} {} throttled {} time(s), now {}/s: {}",
            channel,
            id(job),
            tries,
            rates.current(channel),
            throttled.reason());
        return new ProviderResult.Transient(throttled.reason() + " (retry after " + pause + ")");
      }
      log.debug(
          "{} {} throttled, now {}/s, sending again after {}",
          channel,
          id(job),
          rates.current(channel),
          pause);
    }
  }

  /**
   * One provider call after the channel's next slot; its latency is timed, the wait is not. Null,
   * without a call, when the slot came after the poll's deadline.
   */
  private ProviderResult send(ChannelProvider provider, Job job, long deadline) {
    var channel = provider.channel();
    try {
      rates.acquire(channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProviderResult.Transient("interrupted before sending");
    }
    if (System.nanoTime() - deadline > 0) {
      return null;
    }
    var started = System.nanoTime();
    ProviderResult result;
    try {
      result =
          job.request() instanceof DeliveryRequested delivery
              ? provider.send(delivery)
              : provider.send((FollowUpRequested) job.request());
    } catch (RuntimeException e) {
      log.error("{} provider failed unexpectedly", channel, e);
      // the same line between bad data and a passing fault as every listener of every service draws
      result =
          DeadLettering.isRetryable(e)
              ? new ProviderResult.Transient(e.toString())
              : new ProviderResult.Permanent(DeadLetterReason.of(e));
    }
    var took = System.nanoTime() - started;
    latency(channel, result).record(took, TimeUnit.NANOSECONDS);
    if (result instanceof ProviderResult.Accepted) {
      callers.get(channel).accepted(took);
    }
    return result;
  }

  /**
   * The provider latency timer of a channel and outcome; a throttle is timed as the transient
   * failure it is.
   */
  private Timer latency(Channel channel, ProviderResult result) {
    var outcome =
        result instanceof ProviderResult.Accepted
            ? "accepted"
            : result instanceof ProviderResult.Permanent ? "permanent" : "transient";
    return latencies.withTags("channel", channel.name(), "outcome", outcome);
  }

  private void settle(Channel channel, Job job, ProviderResult result) {
    if (result instanceof ProviderResult.Accepted accepted) {
      outcome(job, DeliveryStatus.SENT, accepted.providerRef(), null);
    } else if (result instanceof ProviderResult.Permanent permanent) {
      log.warn("{} {} refused for good: {}", channel, id(job), permanent.reason());
      outcome(job, DeliveryStatus.FAILED, null, permanent.reason());
    } else if (result instanceof ProviderResult.Transient t && !t.counted()) {
      retryLater(channel, job, job.retries(), reason(result));
    } else if (job.retries() < settings.maxRetries()) {
      retryLater(channel, job, job.retries() + 1, reason(result));
    } else {
      var reason = "retries exhausted after " + job.retries() + ": " + reason(result);
      log.warn("{} {} {}", channel, id(job), reason);
      outcome(job, DeliveryStatus.FAILED, null, reason);
      deadLetters.send(job.record(), job.request(), reason);
    }
  }

  private void notSent(Channel channel, Job job, SettledAlerts.Why why) {
    outcome(job, DeliveryStatus.NOT_SENT, null, why.reason);
    skipped.withTags("channel", channel.name(), "reason", why.tag()).increment();
    log.info("{} {} not sent: {}", channel, id(job), why.reason);
  }

  private void outcome(Job job, DeliveryStatus status, String providerRef, String reason) {
    if (job.request() instanceof DeliveryRequested delivery) {
      outcomes.report(delivery, status, providerRef, reason);
    } else if (job.request() instanceof FollowUpRequested followUp) {
      followUps
          .withTags("channel", followUp.method().channel().name(), "outcome", status.name())
          .increment();
    }
  }

  /**
   * To the retry topic as retry number {@code retry}: the job's next one, or the same again when
   * the send never reached its provider (its back-off then is the first retry's).
   */
  private void retryLater(Channel channel, Job job, int retry, String reason) {
    var dueAt = clock.instant().plus(settings.retryDelay(Math.max(1, retry)));
    kafka.send(retryRecord(channel, job, retry, dueAt, reason));
    retries.withTags("channel", channel.name()).increment();
    log.info("{} {} failed for now ({}); retry {} at {}", channel, id(job), reason, retry, dueAt);
  }

  /**
   * The poll's deadline passed before this send's call: it goes to the retry topic due at once,
   * keeping its retry count (and its destination slot, if it had booked one), and is sent from
   * there as soon as the retry listener reads it.
   */
  private void handOn(Channel channel, Job job) {
    var record =
        retryRecord(
            channel,
            job,
            job.retries(),
            clock.instant(),
            "not sent within the poll deadline of " + settings.pollDeadline());
    if (job.slotBooked()) {
      record.headers().add(SLOT_BOOKED, new byte[] {1});
    }
    kafka.send(record);
    deferred.withTags("channel", channel.name()).increment();
    log.debug("{} {} handed on to the retry topic: poll deadline passed", channel, id(job));
  }

  /**
   * The destination had its messages for this window: the send waits on the retry topic for the
   * slot it booked, keeping its retry count, so a busy destination delays sends but never fails
   * them.
   */
  private void waitForSlot(Channel channel, Job job, Duration wait) {
    var dueAt = clock.instant().plus(wait);
    var record =
        retryRecord(
            channel,
            job,
            job.retries(),
            dueAt,
            "destination limit: "
                + settings.perDestination(channel)
                + " per "
                + settings.perDestinationWindow());
    record.headers().add(SLOT_BOOKED, new byte[] {1});
    kafka.send(record);
    delayed.withTags("channel", channel.name()).increment();
    log.info("{} {} waits for its destination's slot at {}", channel, id(job), dueAt);
  }

  /**
   * A record for the retry topic: its send from there is attempt {@code retries + 1} (the first
   * send, from a lane, being attempt 1 with no header), due at {@code dueAt}; why and where from as
   * a dead letter says them.
   */
  private static ProducerRecord<String, Object> retryRecord(
      Channel channel, Job job, int retries, Instant dueAt, String reason) {
    var record =
        new ProducerRecord<String, Object>(
            channel.deliveryTopic().retry(), null, job.record().key(), job.request());
    var headers = record.headers();
    headers.add(
        RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS,
        ByteBuffer.allocate(Integer.BYTES).putInt(retries + 1).array());
    headers.add(
        RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
        BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
    var from = job.record();
    DeadLettering.addHeaders(headers, from.topic(), from.partition(), from.offset(), reason, null);
    return record;
  }

  /** Retries a record has used up: its attempt less the first; 0 for a first send. */
  private static int retriesOf(ConsumerRecord<?, ?> record) {
    var attempts = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
    return attempts == null ? 0 : ByteBuffer.wrap(attempts.value()).getInt() - 1;
  }

  /** When a retry record is due, in epoch millis; 0 (at once) for a record without the header. */
  private static long dueAt(ConsumerRecord<?, ?> record) {
    var due = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
    return due == null ? 0 : new BigInteger(due.value()).longValue();
  }

  private static String reason(ProviderResult failure) {
    return failure instanceof ProviderResult.Transient t
        ? t.reason()
        : failure instanceof ProviderResult.Throttled t ? t.reason() : failure.toString();
  }

  private static String address(Job job) {
    return job.request() instanceof DeliveryRequested d
        ? d.method().address()
        : ((FollowUpRequested) job.request()).method().address();
  }

  private void deadLetterUnreadable(ConsumerRecord<String, Object> record) {
    var failure =
        SerializationUtils.getExceptionFromHeader(
            record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
    if (failure == null) {
      return; // a tombstone: nothing to send
    }
    log.warn(
        "unreadable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        DeadLetterReason.of(failure));
    deadLetters.send(record, failure.getData(), DeadLetterReason.of(failure));
  }

  private static String id(Job job) {
    return job.request() instanceof DeliveryRequested d
        ? d.deliveryId()
        : ((FollowUpRequested) job.request()).followUpId();
  }

  @Override
  public void close() {
    callers.values().forEach(CallConcurrency::close);
  }
}
