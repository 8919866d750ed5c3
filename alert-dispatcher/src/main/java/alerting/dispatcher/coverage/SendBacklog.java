package alerting.dispatcher.coverage;

import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Per channel: attempts queued, sent and failed, contacts not tried yet, and sends per second of
 * their {@code sentAt}, kept up to date as alert states come and go, so a mass incident's progress
 * costs a minute of per-second buckets per request instead of a pass over its alerts. Written by
 * one thread ({@link AlertStates}), read concurrently.
 */
final class SendBacklog {
  /** How far back the current send rate looks. */
  static final int RATE_WINDOW_SECONDS = 60;

  /** One channel's counts; see {@link ChannelProgress} for what each means. */
  private record Tally(long queued, long sent, long failed, long pending, long timedSends) {
    static final Tally NONE = new Tally(0, 0, 0, 0, 0);

    Tally plus(long queued, long sent, long failed, long pending, long timedSends) {
      return new Tally(
          this.queued + queued,
          this.sent + sent,
          this.failed + failed,
          this.pending + pending,
          this.timedSends + timedSends);
    }
  }

  private record Recent(long sends, long seconds) {}

  /** Replaced as a whole on each change, so a reader never sees half an update. */
  private volatile Tally[] tallies = new Tally[Channel.values().length];

  /** Per channel: accepted sends by the epoch second of their sentAt. */
  private final List<ConcurrentSkipListMap<Long, Integer>> sendsPerSecond = new ArrayList<>();

  SendBacklog() {
    for (var channel : Channel.values()) {
      tallies[channel.ordinal()] = Tally.NONE;
      sendsPerSecond.add(new ConcurrentSkipListMap<>());
    }
  }

  void add(AlertState state) {
    apply(state, 1);
  }

  void remove(AlertState state) {
    apply(state, -1);
  }

  private void apply(AlertState state, int n) {
    var next = tallies.clone();
    var open = state.status() == AlertStatus.OPEN;
    var untried = open && !state.attempts().isEmpty();
    for (var attempt : state.attempts()) {
      var c = attempt.channel().ordinal();
      var failed = attempt.lastStatus() != null && attempt.lastStatus().isFailure();
      var timed = attempt.sentAt() != null;
      next[c] =
          next[c].plus(
              open && queued(attempt) ? n : 0,
              sent(attempt) ? n : 0,
              failed ? n : 0,
              0,
              timed ? n : 0);
      if (timed) {
        sendsPerSecond
            .get(c)
            .merge(attempt.sentAt().getEpochSecond(), n, (a, b) -> a + b == 0 ? null : a + b);
      }
      untried &= queued(attempt);
    }
    if (untried) {
      var c = state.attempts().get(0).channel().ordinal();
      next[c] = next[c].plus(0, 0, 0, n, 0);
    }
    tallies = next;
  }

  /** Not handed to its provider yet, and no outcome reported either. */
  private static boolean queued(AttemptRecord attempt) {
    return attempt.sentAt() == null && attempt.lastStatus() == null;
  }

  /**
   * Handed over. Until every state carries {@code sentAt}, an attempt whose provider reported
   * taking it (SENT, DELIVERED, SEEN: not a failure, nor NOT_SENT) was sent too, at a time unknown.
   */
  private static boolean sent(AttemptRecord attempt) {
    return attempt.sentAt() != null
        || (attempt.lastStatus() != null && attempt.lastStatus().wasHandedOver());
  }

  /** Every channel's progress as of {@code now}, in channel order. */
  List<ChannelProgress> progress(Instant now) {
    var snapshot = tallies;
    var result = new ArrayList<ChannelProgress>(snapshot.length);
    for (var channel : Channel.values()) {
      result.add(progress(channel, snapshot[channel.ordinal()], now));
    }
    return result;
  }

  ChannelProgress progress(Channel channel, Instant now) {
    return progress(channel, tallies[channel.ordinal()], now);
  }

  private ChannelProgress progress(Channel channel, Tally tally, Instant now) {
    var recent = recentSends(channel, now);
    return ChannelProgress.of(
        channel,
        tally.queued(),
        tally.sent(),
        tally.failed(),
        recent.sends(),
        recent.seconds(),
        tally.pending(),
        now,
        whyNoRate(tally));
  }

  /** Why there would be no current rate; shown only when there is none. */
  private static String whyNoRate(Tally tally) {
    return tally.sent() == 0
        ? "waiting for the first send"
        : tally.timedSends() == 0 ? "send times not reported yet" : "no send in the last minute";
  }

  /**
   * The sends of the last minute and the seconds they were counted over: the minute, or the time
   * since the channel's first send when that is shorter, so the rate is right from the first
   * seconds of an incident.
   */
  private Recent recentSends(Channel channel, Instant now) {
    var buckets = sendsPerSecond.get(channel.ordinal());
    var nowSecond = now.getEpochSecond();
    long sends = 0;
    // a send stamped a little ahead of this clock (skew between hosts) still counts
    for (var count : buckets.tailMap(nowSecond - RATE_WINDOW_SECONDS + 1, true).values()) {
      sends += count;
    }
    var first = buckets.firstEntry(); // read once: the writer may empty the map meanwhile
    if (sends == 0 || first == null) {
      return new Recent(0, RATE_WINDOW_SECONDS);
    }
    var sinceFirst = nowSecond - first.getKey() + 1;
    return new Recent(sends, Math.max(1, Math.min(RATE_WINDOW_SECONDS, sinceFirst)));
  }
}
