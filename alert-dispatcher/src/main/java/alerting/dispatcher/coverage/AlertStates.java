package alerting.dispatcher.coverage;

import alerting.events.AlertState;
import alerting.events.Event;
import alerting.events.TopicReplay;
import alerting.events.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The latest state of every alert, rebuilt from the compacted {@code alerts.state.v1}. */
@Component
class AlertStates implements AutoCloseable {
  private final Map<String, AlertState> byAlert = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  AlertStates(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
    this.replay = TopicReplay.follow(bootstrapServers, Topics.ALERT_STATE, Duration.ofSeconds(30),
        this::apply);
  }

  List<AlertState> ofIncident(String incidentId) {
    return byAlert.values().stream()
        .filter(s -> s.brief() != null && incidentId.equals(s.brief().incidentId()))
        .sorted(Comparator.comparing((AlertState s) -> s.brief().tenantId())
            .thenComparing(s -> s.brief().contactName()))
        .toList();
  }

  private void apply(String alertId, Event event) {
    if (event == null) {
      byAlert.remove(alertId);
    } else if (event instanceof AlertState state) {
      byAlert.put(alertId, state);
    }
  }

  @Override
  public void close() {
    replay.close();
  }
}
