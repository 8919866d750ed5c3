package alerting.dispatcher.coverage;

import alerting.events.Channel;
import java.time.Instant;

/**
 * How far one channel is through an incident (or through all of them): {@code queued} attempts of
 * open alerts not handed to the provider yet; {@code sent} attempts handed over (a message that
 * left and then bounced counts here and in {@code failed}); {@code failed} attempts whose provider
 * reported a failure; {@code ratePerSecond} sends per second over the last minute, from the
 * attempts' {@code sentAt}; {@code firstAttemptsPending} open alerts whose contact has not been
 * tried at all yet and whose first attempt waits on this channel. {@code etaSeconds} and {@code
 * expectedDoneAt}: when every one of them will have had that first attempt at the current rate (0
 * and now once none is pending); both null while the rate is zero, and then {@code
 * etaUnknownReason} says why.
 */
record ChannelProgress(
    Channel channel,
    long queued,
    long sent,
    long failed,
    double ratePerSecond,
    long firstAttemptsPending,
    Long etaSeconds,
    Instant expectedDoneAt,
    String etaUnknownReason) {

  /** {@code sends} counted over {@code seconds}; the ETA in whole seconds, rounded up. */
  static ChannelProgress of(
      Channel channel,
      long queued,
      long sent,
      long failed,
      long sends,
      long seconds,
      long pending,
      Instant now,
      String unknownReason) {
    var rate = Math.round(sends * 100.0 / seconds) / 100.0;
    if (pending == 0) {
      return new ChannelProgress(channel, queued, sent, failed, rate, 0, 0L, now, null);
    }
    if (sends == 0) {
      return new ChannelProgress(
          channel, queued, sent, failed, rate, pending, null, null, unknownReason);
    }
    // in whole numbers, so 120.00000001 s never shows as 121; rounded up, never "0 s" while one
    // waits
    var eta = (pending * seconds + sends - 1) / sends;
    return new ChannelProgress(
        channel, queued, sent, failed, rate, pending, eta, now.plusSeconds(eta), null);
  }
}
