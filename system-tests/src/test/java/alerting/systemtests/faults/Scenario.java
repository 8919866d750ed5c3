package alerting.systemtests.faults;

import java.util.Arrays;
import java.util.List;

/** A scenario of the fault harness: its name and the fault it injects into a running incident. */
enum Scenario {
  BASELINE("baseline"),
  KILL_DISPATCHER("kill-dispatcher"),
  KILL_WORKER("kill-worker"),
  KILL_ACK_RECEIVER("kill-ack-receiver"),
  KILL_BOTH_DISPATCHERS("kill-both-dispatchers"),
  KILL_EACH_SERVICE("kill-each-service"),
  KILL_CONTACT_SERVICE("kill-contact-service"),
  KILL_BROKER("kill-broker"),
  RESTART_SINGLE_BROKER("restart-single-broker"),
  SMTP_OUTAGE("smtp-outage"),
  TWILIO_OUTAGE("twilio-outage");

  final String id;

  Scenario(String id) {
    this.id = id;
  }

  /** What it does, in the report's words, with the run's durations. */
  String fault(FaultHarness.Settings settings) {
    var outage = settings.outage().toSeconds();
    return switch (this) {
      case BASELINE -> "none";
      case KILL_DISPATCHER ->
          "kill -9 of alert-dispatcher 1 once 10% of first emails are out (fan-out and sending), restart";
      case KILL_WORKER ->
          "kill -9 of escalation-worker 1 once 10% of alerts have escalated to SMS, restart";
      case KILL_ACK_RECEIVER ->
          "kill -9 of ack-receiver 1 (half the links' and the webhooks' instance) once 15% of alerts are acknowledged, restart";
      case KILL_BOTH_DISPATCHERS ->
          "kill -9 of alert-dispatcher 1, restart; 2 s later kill -9 of alert-dispatcher 2, restart (no dispatcher up for a while)";
      case KILL_EACH_SERVICE ->
          "kill -9 of alert-dispatcher 1 once 10% of first emails are out, of escalation-worker 1"
              + " once 10% of alerts have escalated to SMS, of ack-receiver 1 once 15% of alerts"
              + " are acknowledged, each restarted at once";
      case KILL_CONTACT_SERVICE ->
          "kill -9 of contact-service 1 mid-churn (once "
              + ContactServices.KILL_AFTER_CHANGES
              + " contact changes were answered), restart";
      case KILL_BROKER ->
          "kill -9 of the broker leading most partitions, of "
              + settings.brokers()
              + ", once 10% of alerts have escalated to SMS; started again on its data directory "
              + settings.brokerDown().toSeconds()
              + " s later";
      case RESTART_SINGLE_BROKER ->
          "single broker: kill -9 of it once 10% of alerts have escalated to SMS, started again at once on its data directory";
      case SMTP_OUTAGE ->
          "the SMTP relay refuses connections (and drops open ones) for "
              + outage
              + " s once 10% of first emails are out";
      case TWILIO_OUTAGE ->
          "Twilio answers 500 for "
              + outage
              + " s once 5% of alerts have escalated to SMS, then 429 (Retry-After 1) 2 s in every 6 s for "
              + outage / 2
              + " s";
    };
  }

  /** How many brokers it runs on: the run's setting, except the single-broker restart. */
  int brokers(FaultHarness.Settings settings) {
    if (this == RESTART_SINGLE_BROKER) {
      return 1;
    }
    if (this == KILL_BROKER && settings.brokers() < 3) {
      throw new IllegalArgumentException(
          "kill-broker needs a cluster of three or more brokers, not -Dfault.brokers="
              + settings.brokers());
    }
    return settings.brokers();
  }

  static Scenario byId(String id) {
    return Arrays.stream(values())
        .filter(s -> s.id.equals(id.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no scenario " + id));
  }

  /** {@code baseline,kill-worker,...}; every scenario when blank. */
  static List<Scenario> parse(String ids) {
    return ids == null || ids.isBlank()
        ? List.of(values())
        : Arrays.stream(ids.split(",")).map(Scenario::byId).toList();
  }
}
