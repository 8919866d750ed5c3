package alerting.dispatcher.fanout;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AlertClosed;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Event;
import alerting.events.ReplyCodes;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every alert the dispatcher has opened (from {@code alerts.v1}) and whether it is still open (from
 * {@code alerts.state.v1}), rebuilt from Kafka at start-up: so a replayed incident opens nothing
 * twice, follow-ups and closures find an incident's alerts, and reply codes stay unique among one
 * phone number's open alerts.
 */
@Component
public class AlertBook {
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final Map<String, AlertOpened> opened = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> byIncident = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();

  /** phone → (alertId → reply code) of alerts that are opened or being opened. */
  private final Map<String, Map<String, String>> codesByPhone = new ConcurrentHashMap<>();

  private final TopicReplay alerts;
  private final TopicReplay states;

  /** This instance's reply-code space ({@link DispatcherSettings.Kafka#replyCodeSpace()}). */
  private final int codeSpace;

  AlertBook(ReplayedTopics replays, DispatcherSettings settings) {
    this.codeSpace = settings.kafka().replyCodeSpace();
    // the alerts this process opens are known once committed: only the others' need parsing
    this.alerts =
        replays.follow(
            Topics.ALERTS,
            (alertId, value) -> KnownAlerts.isKnownAlertOpened(alertId, value, opened::containsKey),
            this::onAlert);
    this.states = replays.follow(Topics.ALERT_STATE, this::onState);
  }

  public boolean isOpened(String alertId) {
    caughtUp();
    return opened.containsKey(alertId);
  }

  /** The incident's alerts that are not acknowledged, exhausted or closed. */
  public List<AlertOpened> openAlertsOf(String incidentId) {
    return alertsOf(incidentId).stream().filter(a -> !finished.contains(a.alertId())).toList();
  }

  public List<AlertOpened> alertsOf(String incidentId) {
    caughtUp();
    var ids = byIncident.getOrDefault(incidentId, Set.of());
    var result = new ArrayList<AlertOpened>(ids.size());
    for (var id : ids) {
      var alert = opened.get(id);
      if (alert != null) {
        result.add(alert);
      }
    }
    return result;
  }

  /**
   * The alert's reply code: the one derived from its id in this instance's space, unless a phone of
   * the contact already has an open alert with that code; then the next derived candidate. The code
   * is reserved at once, so alerts opened together here never share one either; another instance's
   * alerts are known once committed, and until then its codes are of another space.
   */
  synchronized String reserveReplyCode(String alertId, List<ContactMethod> methods) {
    caughtUp();
    Set<String> taken = Set.of();
    for (var method : methods) {
      var codes = method.channel() == Channel.EMAIL ? null : codesByPhone.get(method.address());
      if (codes == null) {
        continue;
      }
      for (var entry : codes.entrySet()) {
        if (!entry.getKey().equals(alertId) && !finished.contains(entry.getKey())) {
          if (taken.isEmpty()) {
            taken = new HashSet<>();
          }
          taken.add(entry.getValue());
        }
      }
    }
    var code = replyCode(alertId, taken, codeSpace);
    for (var method : methods) {
      if (method.channel() != Channel.EMAIL) {
        codesByPhone
            .computeIfAbsent(method.address(), p -> new ConcurrentHashMap<>())
            .put(alertId, code);
      }
    }
    return code;
  }

  /**
   * The first code derived from the alert id in {@code space} that is not taken; replays derive the
   * same.
   */
  static String replyCode(String alertId, Set<String> taken, int space) {
    var code = ReplyCodes.forAlert(alertId, space);
    for (var n = 1; taken.contains(code); n++) {
      code =
          ReplyCodes.forAlert(
              UUID.nameUUIDFromBytes((alertId + "#" + n).getBytes(StandardCharsets.UTF_8))
                  .toString(),
              space);
    }
    return code;
  }

  /** Called once the transaction that opened the alert has committed. */
  void committed(AlertOpened alert) {
    onAlert(alert.alertId(), alert);
  }

  private void onAlert(String alertId, Event event) {
    if (event instanceof AlertOpened alert) {
      opened.putIfAbsent(alertId, alert);
      byIncident
          .computeIfAbsent(alert.brief().incidentId(), i -> ConcurrentHashMap.newKeySet())
          .add(alertId);
      for (var method : alert.methods()) {
        if (method.channel() != Channel.EMAIL) {
          codesByPhone
              .computeIfAbsent(method.address(), p -> new ConcurrentHashMap<>())
              .putIfAbsent(alertId, alert.brief().replyCode());
        }
      }
    } else if (event instanceof AlertClosed) {
      finished.add(alertId);
    }
  }

  private void onState(String alertId, Event event) {
    if (event instanceof AlertState state && state.status().isTerminal()) {
      finished.add(alertId);
    }
  }

  /**
   * Asked before the replays caught up, the book waits for them (bounded), as it did at start-up.
   */
  private void caughtUp() {
    alerts.awaitCaughtUp(CATCH_UP);
    states.awaitCaughtUp(CATCH_UP);
  }
}
