package alerting.localinfra;

import java.time.Instant;

/**
 * An SMS the Twilio stand-in accepted; {@code from} is null when only a messaging service was
 * given. {@code receivedAt} is when it was accepted, after any configured latency, so benchmarks
 * can measure a send rate.
 */
public record SentSms(
    String sid,
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    String statusCallback,
    Instant receivedAt) {}
