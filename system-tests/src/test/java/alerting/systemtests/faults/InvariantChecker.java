package alerting.systemtests.faults;

import alerting.events.AlertAcknowledged;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Topics;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.PlacedCall;
import alerting.localinfra.SentSms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the topics after a scenario (from the start, read_committed, through {@link EventSerde})
 * and the providers' stand-ins' records of what they were handed, and checks the invariants
 * per alert:
 *
 * <ul>
 *   <li>every alert opened and ended ACKNOWLEDGED, EXHAUSTED or CLOSED (else lost or stuck);
 *   <li>nothing was handed to a provider after the alert's ack was recorded on {@code
 *       alerts.acks.v1} (its record time);
 *   <li>every attempt was handed over at most once: each hand-over is matched to the alert's
 *       attempt on that channel requested last before it; a second one is a duplicate, counted
 *       apart when its first copy left before a dispatcher (or a broker) was killed and the second
 *       after (the crash window: handed over, not yet recorded);
 *   <li>no attempt of an alert nobody acknowledged was left unsent without a reported failure (one
 *       reported FAILED, the provider down past the retries, moved the ladder on: counted);
 *   <li>no reply code was live for two open alerts of one phone (from each alert's opening on
 *       {@code alerts.v1} to its first terminal state on {@code alerts.state.v1});
 *   <li>every deadline fired: each escalation (and EXHAUSTED) came within a grace of the previous
 *       attempt's {@code dueAt}, and no alert is left OPEN past its deadline plus the grace;
 *   <li>time to recover per kill: the first SENT report (dispatcher) or state change (worker) on a
 *       partition the killed instance owned, after the kill.
 * </ul>
 */
final class InvariantChecker {
  static final Duration GRACE = Duration.ofSeconds(10);

  private static final String SHARED = "(shared phone)";
  private static final java.util.regex.Pattern REPLY_CODE =
      java.util.regex.Pattern.compile("Reply ([A-Z0-9]{4})");

  /**
   * How long after a killed dispatcher was gone a stand-in may still record a message it had sent:
   * the stand-ins time a hand-over when they have stored it, not when the sender wrote it, and on a
   * loaded machine the last bytes a dead process wrote to its connection are stored up to seconds
   * later (1.5 s seen at a load average of 20). Such a first copy belongs to the crash window.
   */
  static final Duration STORED_AFTER_DEATH = Duration.ofSeconds(5);

  /**
   * A kill: which instance, when the SIGKILL was about to be sent and when the process was seen
   * gone (spawning {@code kill} takes a while on a loaded machine), what it owned.
   */
  record Kill(String service, int instance, Instant at, Instant goneAt, Set<Integer> partitions) {}

  /** Where an alert's messages go. */
  record Recipient(String alertId, String email, String phone) {}

  record Result(
      int expected,
      int opened,
      Map<AlertStatus, Integer> finalStatus,
      int stuck,
      int handOvers,
      int sendsAfterAck,
      int sendsAfterAckOverOneSecond,
      int sendsAfterAckRequestedAfterAck,
      int duplicates,
      int duplicatesInCrashWindow,
      int sentReportedTwice,
      int unsentAttempts,
      int failedAttempts,
      int duplicatesAtSmtpDrop,
      int sharedReplyCodes,
      int escalations,
      double maxDeadlineLatenessSeconds,
      int lateDeadlines,
      int missedDeadlines,
      List<Double> recoverySeconds) {
    int lost() {
      return expected - opened;
    }

    Result withRecoverySeconds(List<Double> recovery) {
      return new Result(
          expected,
          opened,
          finalStatus,
          stuck,
          handOvers,
          sendsAfterAck,
          sendsAfterAckOverOneSecond,
          sendsAfterAckRequestedAfterAck,
          duplicates,
          duplicatesInCrashWindow,
          sentReportedTwice,
          unsentAttempts,
          failedAttempts,
          duplicatesAtSmtpDrop,
          sharedReplyCodes,
          escalations,
          maxDeadlineLatenessSeconds,
          lateDeadlines,
          missedDeadlines,
          recovery);
    }

    boolean met() {
      return lost() == 0
          && stuck == 0
          && sendsAfterAck == 0
          && duplicates - duplicatesInCrashWindow == 0
          && unsentAttempts == 0
          && sharedReplyCodes == 0
          && lateDeadlines == 0
          && missedDeadlines == 0
          && recoverySeconds.stream().allMatch(s -> s != null && s <= GRACE.toSeconds());
    }
  }

  private record HandOver(Channel channel, Instant at) {}

  private final String bootstrap;

  /** A few examples of each violation, printed for whoever looks into it. */
  private final Map<String, List<String>> examples = new HashMap<>();

  private void example(String kind, String text) {
    var list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.size() < 5) {
      list.add(text);
    }
  }

  void printExamples() {
    examples.forEach(
        (kind, list) -> {
          System.out.println("examples of " + kind + ":");
          list.forEach(e -> System.out.println("  " + e));
        });
  }

  InvariantChecker(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  static int partitionOf(String alertId) {
    return Utils.toPositive(Utils.murmur2(alertId.getBytes(StandardCharsets.UTF_8)))
        % Topics.ALERT_PARTITIONS;
  }

  Result check(
      List<Recipient> recipients,
      List<CaughtMail> mails,
      List<SentSms> texts,
      List<PlacedCall> calls,
      List<Kill> kills,
      List<Instant> brokersGone,
      List<Instant> smtpDropped,
      Instant checkedAt) {
    var opened = new HashMap<String, AlertOpened>();
    var openedAt = new HashMap<String, Instant>();
    for (var r : readAll(Topics.ALERTS.name())) {
      if (r.value() instanceof AlertOpened o) {
        opened.putIfAbsent(o.alertId(), o);
        openedAt.merge(o.alertId(), Instant.ofEpochMilli(r.timestamp()), this::earlier);
      }
    }
    var states = new HashMap<String, AlertState>();
    var endedAt = new HashMap<String, Instant>();
    var stateRecords = readAll(Topics.ALERT_STATE.name());
    for (var r : stateRecords) {
      if (r.value() instanceof AlertState s) {
        states.put(s.alertId(), s);
        if (s.status().isTerminal()) {
          endedAt.merge(s.alertId(), Instant.ofEpochMilli(r.timestamp()), this::earlier);
        }
      }
    }
    var ackedAt = new HashMap<String, Instant>();
    for (var r : readAll(Topics.ACKS.name())) {
      if (r.value() instanceof AlertAcknowledged a) {
        ackedAt.merge(a.alertId(), Instant.ofEpochMilli(r.timestamp()), this::earlier);
      }
    }
    var statusRecords = readAll(Topics.DELIVERY_STATUS.name());
    var sentReports = new HashMap<String, Integer>();
    for (var r : statusRecords) {
      if (r.value() instanceof DeliveryStatusReported d && d.status() == DeliveryStatus.SENT) {
        sentReports.merge(d.alertId() + ":" + d.attempt(), 1, Integer::sum);
      }
    }

    var byEmail = new HashMap<String, String>();
    var byPhone = new HashMap<String, String>();
    // a phone two recipients share: its texts are told apart by the reply code they carry
    var byPhoneAndCode = new HashMap<String, String>();
    for (var r : recipients) {
      byEmail.put(r.email(), r.alertId());
      byPhone.merge(r.phone(), r.alertId(), (a, b) -> SHARED);
      var alert = opened.get(r.alertId());
      if (alert != null) {
        byPhoneAndCode.put(r.phone() + " " + alert.brief().replyCode(), r.alertId());
      }
    }
    var handOvers = new HashMap<String, List<HandOver>>();
    var handOverCount = 0;
    for (var m : mails) {
      var alertId = byEmail.get(m.to().get(0));
      if (alertId != null) {
        handOvers
            .computeIfAbsent(alertId, id -> new ArrayList<>())
            .add(new HandOver(Channel.EMAIL, m.receivedAt()));
        handOverCount++;
      }
    }
    for (var t : texts) {
      var alertId = byPhone.get(t.to());
      if (SHARED.equals(alertId)) {
        var code = REPLY_CODE.matcher(t.body());
        alertId = code.find() ? byPhoneAndCode.get(t.to() + " " + code.group(1)) : null;
      }
      if (alertId != null) {
        handOvers
            .computeIfAbsent(alertId, id -> new ArrayList<>())
            .add(new HandOver(Channel.SMS, t.receivedAt()));
        handOverCount++;
      }
    }
    // a killed broker can abort a dispatcher's transaction as its own death would: the sends it
    // handed over are not recorded, and are sent again
    for (var c : calls) {
      var alertId = byPhone.get(c.to());
      if (alertId != null && !SHARED.equals(alertId)) {
        handOvers
            .computeIfAbsent(alertId, id -> new ArrayList<>())
            .add(new HandOver(Channel.VOICE, c.receivedAt()));
        handOverCount++;
      }
    }
    var crashes =
        java.util.stream.Stream.concat(
                kills.stream()
                    .filter(k -> k.service().equals("alert-dispatcher"))
                    .map(Kill::goneAt),
                brokersGone.stream())
            .toList();

    var finalStatus = new EnumMap<AlertStatus, Integer>(AlertStatus.class);
    int stuck = 0;
    int afterAck = 0;
    int afterAckLate = 0;
    int afterAckRequestedAfter = 0;
    int duplicates = 0;
    int inWindow = 0;
    int unsent = 0;
    int failed = 0;
    int atSmtpDrop = 0;
    int escalations = 0;
    int late = 0;
    int missed = 0;
    double maxLateness = 0;
    for (var recipient : recipients) {
      var alertId = recipient.alertId();
      var state = states.get(alertId);
      if (state == null) {
        stuck++;
        continue;
      }
      finalStatus.merge(state.status(), 1, Integer::sum);
      if (!state.status().isTerminal()) {
        stuck++;
        example("an alert not ended", alertId + " " + state);
      }
      var sent = handOvers.getOrDefault(alertId, List.of());
      var ack = ackedAt.get(alertId);
      for (var h : sent) {
        if (ack != null && h.at().isAfter(ack)) {
          afterAck++;
          if (h.at().isAfter(ack.plusSeconds(1))) {
            afterAckLate++;
          }
          var requestedAfterAck =
              state.attempts().stream()
                  .filter(a -> a.channel() == h.channel() && a.requestedAt() != null)
                  .filter(a -> !a.requestedAt().isAfter(h.at().plusMillis(50)))
                  .reduce((x, y) -> y)
                  .map(a -> a.requestedAt().isAfter(ack))
                  .orElse(false);
          if (requestedAfterAck) {
            afterAckRequestedAfter++;
          }
          example(
              requestedAfterAck
                  ? "a send after the ack, its attempt requested after the ack"
                  : "a send after the ack, its attempt requested before the ack",
              alertId + " " + h + " acked at " + ack + "; attempts " + state.attempts());
        }
      }
      // every hand-over to the attempt on its channel requested last before it
      var attempts = state.attempts();
      var copies = new HashMap<Integer, List<Instant>>();
      for (var h : sent) {
        AttemptRecord match = null;
        for (var a : attempts) {
          if (a.channel() == h.channel()
              && a.requestedAt() != null
              && !a.requestedAt().isAfter(h.at().plusMillis(50))) {
            match = a;
          }
        }
        copies
            .computeIfAbsent(match == null ? 0 : match.attempt(), n -> new ArrayList<>())
            .add(h.at());
      }
      for (var entry : copies.entrySet()) {
        var times = entry.getValue().stream().sorted().toList();
        for (var i = 1; i < times.size(); i++) {
          duplicates++;
          var first = times.get(0);
          var again = times.get(i);
          var attempt = entry.getKey();
          var email =
              attempts.stream()
                  .anyMatch(a -> a.attempt() == attempt && a.channel() == Channel.EMAIL);
          if (crashes.stream()
              .anyMatch(k -> !first.isAfter(k.plus(STORED_AFTER_DEATH)) && !again.isBefore(k))) {
            inWindow++;
          } else if (email
              && smtpDropped.stream()
                  .anyMatch(
                      d -> !first.isAfter(d.plus(STORED_AFTER_DEATH)) && !again.isBefore(d))) {
            // the relay stored the mail as it dropped the connection, and its answer never
            // reached the sender: SMTP has no idempotency key, so the sender could not know
            inWindow++;
            atSmtpDrop++;
          } else {
            example(
                "a duplicate outside the crash window",
                alertId
                    + " attempt "
                    + entry.getKey()
                    + " handed over at "
                    + times
                    + "; kills "
                    + crashes
                    + (smtpDropped.isEmpty() ? "" : "; SMTP connections dropped at " + smtpDropped)
                    + "; attempts "
                    + attempts);
          }
        }
      }
      for (var a : attempts) {
        if (ack == null && !copies.containsKey(a.attempt())) {
          if (a.lastStatus() != null && a.lastStatus().isFailure()) {
            // reported failed (the provider down past the retries): the ladder moved on at once
            failed++;
          } else {
            unsent++;
            example("an attempt never handed over", alertId + " attempt " + a);
          }
        }
      }
      for (var i = 1; i < attempts.size(); i++) {
        escalations++;
        var previous = attempts.get(i - 1);
        var next = attempts.get(i);
        if (previous.dueAt() != null
            && next.requestedAt() != null
            && (previous.lastStatus() == null || !previous.lastStatus().isFailure())) {
          var lateness = seconds(previous.dueAt(), next.requestedAt());
          maxLateness = Math.max(maxLateness, lateness);
          if (lateness > GRACE.toSeconds()) {
            late++;
            example(
                "a late escalation", alertId + " " + lateness + " s late; attempts " + attempts);
          }
        }
      }
      var last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
      if (state.status() == AlertStatus.EXHAUSTED && last != null && last.dueAt() != null) {
        var lateness = seconds(last.dueAt(), state.occurredAt());
        maxLateness = Math.max(maxLateness, lateness);
        if (lateness > GRACE.toSeconds()) {
          late++;
        }
      }
      if (state.status() == AlertStatus.OPEN
          && (last == null
              || last.dueAt() == null
              || last.dueAt().plus(GRACE).isBefore(checkedAt))) {
        missed++;
      }
    }
    var twice = (int) sentReports.values().stream().filter(n -> n > 1).count();
    var sharedCodes = sharedReplyCodes(opened.values(), openedAt, endedAt);

    var recovery = new ArrayList<Double>();
    for (var kill : kills) {
      recovery.add(recoverySeconds(kill, stateRecords, statusRecords));
    }
    return new Result(
        recipients.size(),
        (int) recipients.stream().filter(r -> opened.containsKey(r.alertId())).count(),
        finalStatus,
        stuck,
        handOverCount,
        afterAck,
        afterAckLate,
        afterAckRequestedAfter,
        duplicates,
        inWindow,
        twice,
        unsent,
        failed,
        atSmtpDrop,
        sharedCodes,
        escalations,
        maxLateness,
        late,
        missed,
        recovery);
  }

  /**
   * Pairs of alerts of one phone with one reply code whose open times overlap: a reply to that code
   * could be either's (the ack-receiver refuses it as ambiguous and points to the links).
   */
  private int sharedReplyCodes(
      java.util.Collection<AlertOpened> alerts,
      Map<String, Instant> openedAt,
      Map<String, Instant> endedAt) {
    var byPhoneAndCode = new HashMap<String, List<AlertOpened>>();
    for (var alert : alerts) {
      alert.methods().stream()
          .filter(m -> m.channel() != Channel.EMAIL)
          .map(m -> m.address())
          .distinct()
          .forEach(
              phone ->
                  byPhoneAndCode
                      .computeIfAbsent(
                          phone + " " + alert.brief().replyCode(), k -> new ArrayList<>())
                      .add(alert));
    }
    var shared = 0;
    for (var entry : byPhoneAndCode.entrySet()) {
      var same = entry.getValue();
      for (var i = 0; i < same.size(); i++) {
        for (var j = i + 1; j < same.size(); j++) {
          var a = same.get(i).alertId();
          var b = same.get(j).alertId();
          if (openedAt.get(a).isBefore(endedAt.getOrDefault(b, Instant.MAX))
              && openedAt.get(b).isBefore(endedAt.getOrDefault(a, Instant.MAX))) {
            shared++;
            example(
                "a reply code live for two open alerts of one phone",
                entry.getKey() + ": " + a + ", " + b);
          }
        }
      }
    }
    return shared;
  }

  /**
   * From the kill to the first sign of work on the killed instance's partitions: a SENT report (the
   * dispatcher's senders) or a state change (the worker); for an ack-receiver, filled in by the
   * harness from the acks its successor answered. Null when nothing happened there after.
   */
  private Double recoverySeconds(
      Kill kill,
      List<ConsumerRecord<String, Event>> states,
      List<ConsumerRecord<String, Event>> statuses) {
    List<ConsumerRecord<String, Event>> records =
        switch (kill.service()) {
          case "alert-dispatcher" ->
              statuses.stream()
                  .filter(
                      r ->
                          r.value() instanceof DeliveryStatusReported d
                              && d.status() == DeliveryStatus.SENT)
                  .toList();
          case "escalation-worker" -> states;
          default -> List.of();
        };
    return records.stream()
        .filter(r -> r.timestamp() >= kill.at().toEpochMilli())
        .filter(r -> kill.partitions().contains(partitionOf(r.key())))
        .map(r -> seconds(kill.at(), Instant.ofEpochMilli(r.timestamp())))
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** Every committed record of a topic, partition by partition in offset order. */
  List<ConsumerRecord<String, Event>> readAll(String topic) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "fault-checker-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new StringDeserializer(),
            new EventSerde().deserializer())) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var records = new ArrayList<ConsumerRecord<String, Event>>();
      var deadline = Instant.now().plusSeconds(120);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            records.add(r);
          }
        }
      }
      return records;
    }
  }
}
