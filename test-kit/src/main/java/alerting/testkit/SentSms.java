package alerting.testkit;

import java.time.Instant;

/** An SMS the Twilio stand-in accepted; {@code from} is null when only a messaging service was given. */
public record SentSms(String sid, String accountSid, String to, String from, String messagingServiceSid,
    String body, String statusCallback, Instant receivedAt) {}
