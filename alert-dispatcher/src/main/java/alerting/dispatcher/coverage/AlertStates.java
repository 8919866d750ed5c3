package alerting.dispatcher.coverage;

import alerting.dispatcher.recipients.VerifiedChannels;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.Event;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The latest state of every alert, rebuilt from the compacted {@code alerts.state.v1} and indexed
 * by incident, so a board of one incident touches only that incident's alerts.
 */
@Component
class AlertStates implements VerifiedChannels {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, AlertState> byAlert = new ConcurrentHashMap<>();
  private final Map<String, IncidentAlerts> byIncident = new ConcurrentHashMap<>();
  private final SendBacklog allIncidents = new SendBacklog();
  private final TopicReplay replay;

  /**
   * What verification drills found per channel of each contact ({@code tenant\ncontact}): the last
   * confirmation, or the last failure and why (issue #17, shown beside each recipient).
   */
  private final Map<String, Map<Channel, ChannelCheck>> verifications = new ConcurrentHashMap<>();

  /** A channel's last verification: confirmed at {@code verifiedAt}, or failed for {@code why}. */
  record ChannelCheck(Instant verifiedAt, String failed, Instant at) {
    String describe(Channel channel) {
      return failed != null
          ? channel + " failed: " + failed
          : verifiedAt != null ? channel + " verified " + verifiedAt : channel + " not confirmed";
    }
  }

  @Autowired
  AlertStates(ReplayedTopics replays) {
    this.replay = replays.follow(Topics.ALERT_STATE, this::apply);
  }

  /** For building the view without a broker (tests). */
  AlertStates() {
    this.replay = null;
  }

  /** The incident's alerts in board order; empty when none is known. */
  IncidentAlerts ofIncident(String incidentId) {
    caughtUp();
    return byIncident.getOrDefault(incidentId, IncidentAlerts.NONE);
  }

  /**
   * The send backlog over every incident (closed ones have nothing queued, only past sends). It
   * fills in as the topic is read, without waiting for the replay: the gauges take it while the
   * context starts, before any replay runs, and waiting there held every dispatcher's start-up for
   * the whole catch-up bound (30 s).
   */
  SendBacklog allIncidents() {
    return allIncidents;
  }

  /**
   * One writer (the replay thread); synchronized so that a test's writes can't interleave with it.
   */
  synchronized void apply(String alertId, Event event) {
    if (event != null && !(event instanceof AlertState)) {
      return;
    }
    var state = (AlertState) event;
    var before = state == null ? byAlert.remove(alertId) : byAlert.put(alertId, state);
    if (before != null) {
      allIncidents.remove(before);
    }
    if (state != null) {
      allIncidents.add(state);
    }
    if (before != null && before.brief() != null) {
      var incident = byIncident.get(before.brief().incidentId());
      if (incident != null) {
        incident.remove(before);
        if (incident.size() == 0) {
          byIncident.remove(before.brief().incidentId());
        }
      }
    }
    if (state != null && state.brief() != null) {
      byIncident.computeIfAbsent(state.brief().incidentId(), id -> new IncidentAlerts()).add(state);
      if (state.brief().correlation().verificationOf().isPresent()) {
        verified(state);
      }
    }
  }

  /**
   * The drills' findings for a contact, one line per channel ("EMAIL verified …", "SMS failed:
   * undelivered"); empty when none was drilled.
   */
  List<String> reachabilityOf(String tenantId, String contactId) {
    var checks = verifications.get(tenantId + "\n" + contactId);
    if (checks == null) {
      return List.of();
    }
    return checks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue().describe(e.getKey()))
        .toList();
  }

  /**
   * Read without waiting for the replay: an alert being opened must not wait on the state view, and
   * a drill result not read yet only means the tenant's own order is used.
   */
  @Override
  public Optional<Channel> latestVerified(String tenantId, String contactId) {
    var checks = verifications.get(tenantId + "\n" + contactId);
    if (checks == null) {
      return Optional.empty();
    }
    return checks.entrySet().stream()
        .filter(e -> e.getValue().failed() == null && e.getValue().verifiedAt() != null)
        .max(Comparator.comparing(e -> e.getValue().verifiedAt()))
        .map(Map.Entry::getKey);
  }

  /** A drill alert's state: a confirmation is kept until a later failure or confirmation. */
  private void verified(AlertState state) {
    if (state.attempts().isEmpty()) {
      return;
    }
    var attempt = state.attempts().get(0);
    var failed = attempt.lastStatus() != null && attempt.lastStatus().isFailure();
    if (state.status() != AlertStatus.ACKNOWLEDGED && !failed) {
      return;
    }
    var check =
        failed
            ? new ChannelCheck(
                null,
                attempt.reason() == null
                    ? attempt.lastStatus().name().toLowerCase(java.util.Locale.ROOT)
                    : attempt.reason(),
                state.occurredAt())
            : new ChannelCheck(
                state.acknowledgment() == null
                    ? state.occurredAt()
                    : state.acknowledgment().occurredAt(),
                null,
                state.occurredAt());
    verifications
        .computeIfAbsent(
            state.brief().tenantId() + "\n" + state.brief().contactId(),
            k -> new ConcurrentHashMap<>())
        .merge(attempt.channel(), check, (old, now) -> now.at().isBefore(old.at()) ? old : now);
  }

  private void caughtUp() {
    if (replay != null) {
      replay.awaitCaughtUp(CATCH_UP);
    }
  }
}
