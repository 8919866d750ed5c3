package alerting.dispatcher.incidents;

import alerting.events.Event;
import alerting.events.IncidentClosed;
import alerting.events.IncidentRaised;
import alerting.events.TenantUnreachable;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The incidents raised so far, which of them were closed, and the tenants each could not reach,
 * from {@code incidents.v1} and {@code incidents.unreachable.v1}: so a repeated request answers
 * with the incident it already raised, responders can list the incidents, and coverage can name the
 * tenants nobody was alerted at.
 */
@Component
public class IncidentLog {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, IncidentRaised> raised = new ConcurrentHashMap<>();
  private final Map<String, List<TenantUnreachable>> unreachable = new ConcurrentHashMap<>();
  private final Map<String, Instant> closed = new ConcurrentHashMap<>();
  private final TopicReplay replay;
  private final TopicReplay unreachableReplay;

  IncidentLog(ReplayedTopics replays) {
    this.replay = replays.follow(Topics.INCIDENTS, this::apply);
    this.unreachableReplay = replays.follow(Topics.TENANTS_UNREACHABLE, this::apply);
  }

  public Optional<IncidentRaised> incident(String incidentId) {
    replay.awaitCaughtUp(CATCH_UP);
    return Optional.ofNullable(raised.get(incidentId));
  }

  /** Every incident raised, newest first (ties by id, so pages are stable). */
  public List<IncidentRaised> newestFirst() {
    replay.awaitCaughtUp(CATCH_UP);
    return raised.values().stream()
        .sorted(
            Comparator.comparing(IncidentRaised::occurredAt)
                .reversed()
                .thenComparing(IncidentRaised::incidentId))
        .toList();
  }

  /** When the incident was closed, if it was. */
  public Optional<Instant> closedAt(String incidentId) {
    replay.awaitCaughtUp(CATCH_UP);
    return Optional.ofNullable(closed.get(incidentId));
  }

  public List<TenantUnreachable> unreachable(String incidentId) {
    replay.awaitCaughtUp(CATCH_UP);
    unreachableReplay.awaitCaughtUp(CATCH_UP);
    return List.copyOf(unreachable.getOrDefault(incidentId, List.of()));
  }

  void accepted(IncidentRaised incident) {
    raised.putIfAbsent(incident.incidentId(), incident);
  }

  /** True if this closure is the first: the incident reads as closed from now on. */
  boolean claimClosure(IncidentClosed closure) {
    replay.awaitCaughtUp(CATCH_UP);
    return closed.putIfAbsent(closure.incidentId(), closure.occurredAt()) == null;
  }

  /** The claimed closure was never written: the incident is open again. */
  void releaseClosure(IncidentClosed closure) {
    closed.remove(closure.incidentId(), closure.occurredAt());
  }

  private void apply(String incidentId, Event event) {
    if (event instanceof IncidentRaised incident) {
      raised.putIfAbsent(incident.incidentId(), incident);
    } else if (event instanceof IncidentClosed closure) {
      closed.putIfAbsent(closure.incidentId(), closure.occurredAt());
    } else if (event instanceof TenantUnreachable report) {
      var reports =
          unreachable.computeIfAbsent(report.incidentId(), i -> new CopyOnWriteArrayList<>());
      if (reports.stream().noneMatch(r -> r.tenantId().equals(report.tenantId()))) {
        reports.add(report);
      }
    }
  }
}
