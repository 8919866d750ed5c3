package alerting.dispatcher.coverage;

import alerting.events.Event;
import alerting.events.SupportAccessChanged;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which tenants have blocked Customer Support Access, from support-access.v1: support staff are
 * refused their data here as in every service.
 */
@Component
class SupportAccessView {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, Boolean> allowed = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  SupportAccessView(ReplayedTopics replays) {
    this.replay = replays.follow(Topics.SUPPORT_ACCESS, this::apply);
  }

  private void apply(String tenantId, Event event) {
    if (event instanceof SupportAccessChanged step) {
      allowed.put(tenantId, step.allowed());
    }
  }

  List<String> blocked(Collection<String> tenantIds) {
    replay.awaitCaughtUp(CATCH_UP);
    return tenantIds.stream()
        .distinct()
        .filter(t -> !allowed.getOrDefault(t, true))
        .sorted()
        .toList();
  }

  /** The tenants that blocked support access: few, so checks go from these to the incident. */
  List<String> blockedTenants() {
    replay.awaitCaughtUp(CATCH_UP);
    return allowed.entrySet().stream()
        .filter(e -> !e.getValue())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
