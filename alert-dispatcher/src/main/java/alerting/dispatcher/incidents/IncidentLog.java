package alerting.dispatcher.incidents;

import alerting.events.Event;
import alerting.events.IncidentRaised;
import alerting.events.TenantUnreachable;
import alerting.events.TopicReplay;
import alerting.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The incidents raised so far and the tenants each could not reach, from {@code incidents.v1}:
 * so a repeated request answers with the incident it already raised, and coverage can name the
 * tenants nobody was alerted at.
 */
@Component
public class IncidentLog implements AutoCloseable {
  private final Map<String, IncidentRaised> raised = new ConcurrentHashMap<>();
  private final Map<String, List<TenantUnreachable>> unreachable = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  IncidentLog(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
    this.replay = TopicReplay.follow(bootstrapServers, Topics.INCIDENTS, Duration.ofSeconds(30), this::apply);
  }

  public Optional<IncidentRaised> incident(String incidentId) {
    return Optional.ofNullable(raised.get(incidentId));
  }

  public List<TenantUnreachable> unreachable(String incidentId) {
    return List.copyOf(unreachable.getOrDefault(incidentId, List.of()));
  }

  void accepted(IncidentRaised incident) {
    raised.putIfAbsent(incident.incidentId(), incident);
  }

  private void apply(String incidentId, Event event) {
    if (event instanceof IncidentRaised incident) {
      raised.putIfAbsent(incident.incidentId(), incident);
    } else if (event instanceof TenantUnreachable report) {
      var reports = unreachable.computeIfAbsent(report.incidentId(), i -> new CopyOnWriteArrayList<>());
      if (reports.stream().noneMatch(r -> r.tenantId().equals(report.tenantId()))) {
        reports.add(report);
      }
    }
  }

  @Override
  public void close() {
    replay.close();
  }
}
