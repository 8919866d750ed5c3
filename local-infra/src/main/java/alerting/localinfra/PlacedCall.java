package alerting.localinfra;

import java.time.Instant;

/**
 * A call the Twilio stand-in accepted; {@code url} or {@code twiml} says what the call plays.
 * {@code receivedAt} is when it was accepted, after any configured latency, so benchmarks can
 * measure a call rate.
 */
public record PlacedCall(
    String sid,
    String accountSid,
    String to,
    String from,
    String url,
    String twiml,
    String statusCallback,
    String machineDetection,
    Instant receivedAt) {}
