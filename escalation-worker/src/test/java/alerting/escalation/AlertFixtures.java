package alerting.escalation;

import alerting.events.AckEvidence;
import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.EscalationPlan;
import alerting.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events of one alert whose contact can be reached by email, then SMS, then voice. */
public final class AlertFixtures {
  public static final String ALERT_ID = "4b8e3c1e-2f1a-3c53-9a43-0d7f3a1e2b11";
  public static final Duration ACK_TIMEOUT = Duration.ofMinutes(5);

  /**
   * How long an attempt may wait for its hand-over: longer than the ack timeout, as in production.
   */
  public static final Duration QUEUE_LIMIT = Duration.ofMinutes(15);

  public static final ContactMethod EMAIL = new ContactMethod(Channel.EMAIL, "ciso@acme.test");
  public static final ContactMethod SMS = new ContactMethod(Channel.SMS, "+15550100");
  public static final ContactMethod VOICE = new ContactMethod(Channel.VOICE, "+15550101");

  private AlertFixtures() {}

  public static AlertOpened opened(Instant at, int rounds, ContactMethod... methods) {
    var brief =
        new AlertBrief(
            "inc-1",
            "tenant-1",
            "Acme",
            "contact-1",
            "Ada",
            Severity.CRITICAL,
            "Credential leak",
            "Rotate your keys",
            "https://status.test/inc-1",
            "K7Q");
    return new AlertOpened(
        UUID.randomUUID(),
        at,
        ALERT_ID,
        brief,
        List.of(methods),
        new EscalationPlan(ACK_TIMEOUT, rounds, QUEUE_LIMIT));
  }

  /** Another alert like the fixture's, under its own id, e.g. for many alerts on a real broker. */
  public static AlertOpened opened(
      String alertId, Instant at, EscalationPlan plan, ContactMethod... methods) {
    var fixture = opened(at, plan.rounds(), methods);
    return new AlertOpened(
        UUID.randomUUID(), at, alertId, fixture.brief(), fixture.methods(), plan);
  }

  public static AlertOpened opened(Instant at) {
    return opened(at, 2, EMAIL, SMS, VOICE);
  }

  public static AckTimeoutScheduled timeout(int attempt, Instant dueAt) {
    return new AckTimeoutScheduled(
        UUID.randomUUID(), dueAt.minus(ACK_TIMEOUT), ALERT_ID, attempt, dueAt);
  }

  /** The sender's report that the attempt's provider accepted it: the ack timeout starts now. */
  public static DeliveryStatusReported sent(int attempt, Channel channel, Instant at) {
    return status(attempt, channel, DeliveryStatus.SENT, at);
  }

  public static AlertAcknowledged ack(Integer attempt, Channel channel, Instant at) {
    return new AlertAcknowledged(
        UUID.randomUUID(),
        at,
        ALERT_ID,
        attempt,
        channel,
        new AckEvidence("+1555***100", "YES K7Q", at));
  }

  public static AlertClosed closed(Instant at) {
    return new AlertClosed(UUID.randomUUID(), at, ALERT_ID, "inc-1", "keys rotated");
  }

  public static DeliveryStatusReported status(
      int attempt, Channel channel, DeliveryStatus status, Instant at) {
    return new DeliveryStatusReported(
        UUID.randomUUID(),
        at,
        ALERT_ID,
        ALERT_ID + ":" + attempt,
        attempt,
        channel,
        status,
        "provider-" + attempt,
        status.isFailure() ? "carrier said no" : null);
  }
}
