package alerting.escalation.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoPartitioningTest {

  @Test
  void equalPartitionCountsPass() {
    assertThat(CoPartitioning.mismatch(Map.of("alerts.v1", 6, "alerts.acks.v1", 6))).isEmpty();
  }

  @Test
  void differingCountsNameEveryTopicAndItsCount() {
    var message =
        CoPartitioning.mismatch(
            Map.of("alerts.v1", 6, "alerts.acks.v1", 3, "deliveries.status.v1", 6));

    assertThat(message)
        .hasValueSatisfying(
            text ->
                assertThat(text).contains("alerts.acks.v1=3, alerts.v1=6, deliveries.status.v1=6"));
  }
}
