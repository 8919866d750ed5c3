package alerting.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN until every replayed view has read what was on its topic at start-up: readiness waits for
 * the views.
 */
class ReplayedTopicsHealthIndicator implements HealthIndicator {
  private final ReplayedTopics replays;

  ReplayedTopicsHealthIndicator(ReplayedTopics replays) {
    this.replays = replays;
  }

  @Override
  public Health health() {
    var catchingUp = replays.catchingUp();
    return catchingUp.isEmpty()
        ? Health.up().build()
        : Health.down().withDetail("catchingUp", catchingUp).build();
  }
}
