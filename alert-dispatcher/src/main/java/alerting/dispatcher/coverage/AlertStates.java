package alerting.dispatcher.coverage;

import alerting.events.AlertState;
import alerting.events.Event;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The latest state of every alert, rebuilt from the compacted {@code alerts.state.v1} and indexed
 * by incident, so a board of one incident touches only that incident's alerts.
 */
@Component
class AlertStates {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, AlertState> byAlert = new ConcurrentHashMap<>();
  private final Map<String, IncidentAlerts> byIncident = new ConcurrentHashMap<>();
  private final SendBacklog allIncidents = new SendBacklog();
  private final TopicReplay replay;

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
    }
  }

  private void caughtUp() {
    if (replay != null) {
      replay.awaitCaughtUp(CATCH_UP);
    }
  }
}
