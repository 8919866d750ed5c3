package alerting.testsupport;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import alerting.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The alerts of a mass incident as a coverage board sees them, for the board benchmarks: three
 * contacts per tenant, and by {@code i % 10} 40% acknowledged, 30% open and sent, 10% open after a
 * failed attempt, 10% exhausted, 10% still queued.
 */
public final class BoardAlertStates {
  public static final String[] CONTACT_NAMES = {"Security", "IT", "CISO"};
  public static final int CONTACTS = CONTACT_NAMES.length;

  private BoardAlertStates() {}

  /** Alert {@code i} is an open one that has not been acknowledged yet. */
  public static boolean isOpen(int i) {
    return i % 10 >= 4 && i % 10 <= 7;
  }

  /** Alert {@code i} of the incident: tenant {@code i / 3}, contact {@code i % 3}. */
  public static AlertState state(String incidentId, int i, Instant now) {
    var tenant = i / CONTACTS;
    var contact = i % CONTACTS;
    var tenantId = "bench-t-" + tenant;
    var alertId = AlertIds.forRecipient(incidentId, tenantId, "c" + contact);
    var brief =
        new AlertBrief(
            incidentId,
            tenantId,
            "Tenant " + tenant,
            "c" + contact,
            CONTACT_NAMES[contact] + " " + tenant,
            Severity.CRITICAL,
            "Coverage board benchmark",
            null,
            null,
            "K" + Integer.toString(i % 46656, 36).toUpperCase(Locale.ROOT));
    var requested = now.minusSeconds(600);
    var first =
        new AttemptRecord(
            1, Channel.EMAIL, requested, requested.plusSeconds(300), DeliveryStatus.SENT);
    return switch (i % 10) {
      case 0, 1, 2, 3 ->
          new AlertState(
              UUID.randomUUID(),
              now,
              alertId,
              AlertStatus.ACKNOWLEDGED,
              1,
              brief,
              List.of(first),
              new AlertAcknowledged(
                  UUID.randomUUID(),
                  requested.plusSeconds(30 + i % 240),
                  alertId,
                  1,
                  Channel.EMAIL,
                  new AckEvidence(
                      "contact@bench.example", "link", requested.plusSeconds(30 + i % 240))),
              "acknowledged");
      case 4, 5, 6 ->
          new AlertState(
              UUID.randomUUID(),
              now,
              alertId,
              AlertStatus.OPEN,
              1,
              brief,
              List.of(first),
              null,
              null);
      case 7 ->
          new AlertState(
              UUID.randomUUID(),
              now,
              alertId,
              AlertStatus.OPEN,
              2,
              brief,
              List.of(
                  first.withStatus(DeliveryStatus.FAILED),
                  new AttemptRecord(
                      2,
                      Channel.SMS,
                      requested.plusSeconds(5),
                      requested.plusSeconds(305),
                      DeliveryStatus.SENT)),
              null,
              null);
      case 8 ->
          new AlertState(
              UUID.randomUUID(),
              now,
              alertId,
              AlertStatus.EXHAUSTED,
              2,
              brief,
              List.of(
                  first.withStatus(DeliveryStatus.UNDELIVERED),
                  new AttemptRecord(
                      2,
                      Channel.VOICE,
                      requested.plusSeconds(5),
                      requested.plusSeconds(305),
                      DeliveryStatus.NO_ANSWER)),
              null,
              "no method acknowledged");
      default ->
          new AlertState(
              UUID.randomUUID(),
              now,
              alertId,
              AlertStatus.OPEN,
              1,
              brief,
              List.of(first.withStatus(null)),
              null,
              null);
    };
  }

  /** The next version of an open alert: its contact acknowledged it at {@code now}. */
  public static AlertState acknowledged(AlertState before, Instant now) {
    return new AlertState(
        UUID.randomUUID(),
        now,
        before.alertId(),
        AlertStatus.ACKNOWLEDGED,
        before.attempt(),
        before.brief(),
        before.attempts(),
        new AlertAcknowledged(
            UUID.randomUUID(),
            now,
            before.alertId(),
            before.attempt(),
            Channel.EMAIL,
            new AckEvidence("contact@bench.example", "link", now)),
        "acknowledged");
  }
}
