package alerting.ack.openalerts;

import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.Event;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What contacts may acknowledge: every alert by id, the alerts of each phone number with their
 * reply codes, and whether each is still open. Built from {@code alerts.v1} (opened, closed) and
 * the compacted {@code alerts.state.v1} (the escalation worker's verdict), so it survives restarts
 * without a store of its own.
 */
@Component
public class OpenAlerts {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, AlertOpened> byId = new ConcurrentHashMap<>();
  private final Map<String, AlertState> states = new ConcurrentHashMap<>();
  private final Set<String> closed = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> byPhone = new ConcurrentHashMap<>();
  private final TopicReplay alerts;
  private final TopicReplay alertStates;

  OpenAlerts(ReplayedTopics replays) {
    this.alerts = replays.follow(Topics.ALERTS, this::onAlert);
    this.alertStates = replays.follow(Topics.ALERT_STATE, this::onState);
  }

  public Optional<AlertOpened> byId(String alertId) {
    caughtUp();
    return Optional.ofNullable(byId.get(alertId));
  }

  /** OPEN until the worker says otherwise or the incident is closed; empty for unknown alerts. */
  public Optional<AlertStatus> status(String alertId) {
    caughtUp();
    if (!byId.containsKey(alertId)) {
      return Optional.empty();
    }
    if (closed.contains(alertId)) {
      return Optional.of(AlertStatus.CLOSED);
    }
    return Optional.of(
        Optional.ofNullable(states.get(alertId)).map(AlertState::status).orElse(AlertStatus.OPEN));
  }

  public boolean isOpen(String alertId) {
    return status(alertId).filter(s -> s == AlertStatus.OPEN).isPresent();
  }

  /**
   * The open alerts texted to this phone number, oldest first. An alert that only calls the number
   * is left out: an alert is acknowledged only on a channel it asked for, so a voice-only
   * confirmation (re-enabling support access) cannot be settled by a text it never sent.
   */
  public List<AlertOpened> openFor(String phone) {
    caughtUp();
    return textedTo(phone).stream().filter(a -> isOpen(a.alertId())).toList();
  }

  /**
   * The open alerts that reach this number by phone call only: an SMS reply may not acknowledge
   * them.
   */
  public List<AlertOpened> openByCallOnly(String phone) {
    caughtUp();
    return alertsOf(phone).stream()
        .filter(a -> !reaches(a, Channel.SMS, phone))
        .filter(a -> isOpen(a.alertId()))
        .toList();
  }

  /**
   * The alert texted to this phone number that a reply code names, in any case: the open one (the
   * dispatcher keeps codes unique among a number's open alerts), else the latest earlier one with
   * that code.
   */
  public Optional<AlertOpened> byReply(String phone, String replyCode) {
    caughtUp();
    var code = replyCode.toUpperCase(Locale.ROOT);
    var named = textedTo(phone).stream().filter(a -> a.brief().replyCode().equals(code)).toList();
    return named.stream()
        .filter(a -> isOpen(a.alertId()))
        .findFirst()
        .or(() -> named.stream().reduce((earlier, later) -> later));
  }

  /**
   * The attempt the alert waits on now: the worker's latest, or the first before it said anything.
   */
  public int currentAttempt(String alertId) {
    caughtUp();
    return Optional.ofNullable(states.get(alertId))
        .map(AlertState::attempt)
        .filter(a -> a > 0)
        .orElse(1);
  }

  /** The latest attempt that reached {@code phone} on {@code channel}, when the history tells. */
  public Optional<Integer> latestAttemptTo(String alertId, Channel channel, String phone) {
    caughtUp();
    var alert = byId.get(alertId);
    if (alert == null) {
      return Optional.empty();
    }
    var attempts =
        Optional.ofNullable(states.get(alertId))
            .map(AlertState::attempts)
            .orElse(List.of())
            .stream()
            .map(AttemptRecord::attempt)
            .toList();
    var candidates = attempts.isEmpty() ? List.of(1) : attempts;
    return candidates.stream()
        .filter(n -> n <= alert.lastAttempt())
        .filter(
            n ->
                alert.methodFor(n).channel() == channel
                    && alert.methodFor(n).address().equals(phone))
        .max(Comparator.naturalOrder());
  }

  private List<AlertOpened> textedTo(String phone) {
    return alertsOf(phone).stream().filter(a -> reaches(a, Channel.SMS, phone)).toList();
  }

  private static boolean reaches(AlertOpened alert, Channel channel, String address) {
    return alert.methods().stream()
        .anyMatch(m -> m.channel() == channel && m.address().equals(address));
  }

  private List<AlertOpened> alertsOf(String phone) {
    return byPhone.getOrDefault(phone, Set.of()).stream()
        .map(byId::get)
        .sorted(Comparator.comparing(AlertOpened::occurredAt).thenComparing(AlertOpened::alertId))
        .toList();
  }

  private void onAlert(String alertId, Event event) {
    if (event instanceof AlertOpened opened) {
      byId.put(opened.alertId(), opened);
      opened.methods().stream()
          .filter(m -> m.channel() != Channel.EMAIL)
          .forEach(
              m ->
                  byPhone
                      .computeIfAbsent(m.address(), p -> ConcurrentHashMap.newKeySet())
                      .add(opened.alertId()));
    } else if (event instanceof AlertClosed alertClosed) {
      closed.add(alertClosed.alertId());
    }
  }

  private void onState(String alertId, Event event) {
    if (event instanceof AlertState state) {
      states.put(state.alertId(), state);
    } else if (event == null && alertId != null) {
      states.remove(alertId);
    }
  }

  /**
   * Asked before the replays caught up, the view waits for them (bounded) rather than call an alert
   * unknown.
   */
  private void caughtUp() {
    alerts.awaitCaughtUp(CATCH_UP);
    alertStates.awaitCaughtUp(CATCH_UP);
  }
}
