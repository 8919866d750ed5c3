package alerting.ack.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN until the replay log has read the webhooks answered before this instance started: until then
 * a Twilio retry could not be told from a new request, so readiness waits for it.
 */
@Component
class ReplayLogHealthIndicator implements HealthIndicator {
  private final ReplayLog log;

  ReplayLogHealthIndicator(ReplayLog log) {
    this.log = log;
  }

  @Override
  public Health health() {
    return log.isCaughtUp()
        ? Health.up().build()
        : Health.down().withDetail("reading", "webhooks.answered.v1").build();
  }
}
