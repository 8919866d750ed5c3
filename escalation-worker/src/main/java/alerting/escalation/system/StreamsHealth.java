package alerting.escalation.system;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Up while the streams client runs or rebalances; down once it has stopped or failed. */
final class StreamsHealth implements HealthIndicator {
  private final EscalationStreams streams;

  StreamsHealth(EscalationStreams streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    return streams
        .state()
        .map(
            state ->
                (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                        ? Health.up()
                        : Health.down())
                    .withDetail("state", state.name())
                    .build())
        .orElseGet(() -> Health.unknown().withDetail("state", "not started").build());
  }
}
