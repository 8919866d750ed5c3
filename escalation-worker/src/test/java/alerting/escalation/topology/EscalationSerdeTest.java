package alerting.escalation.topology;

import static alerting.escalation.AlertFixtures.ACK_TIMEOUT;
import static alerting.escalation.AlertFixtures.ack;
import static alerting.escalation.AlertFixtures.opened;
import static alerting.escalation.AlertFixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import alerting.escalation.policy.EscalationPolicy;
import alerting.events.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationSerdeTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private final EscalationSerde serde = new EscalationSerde();
  private final EscalationPolicy policy = new EscalationPolicy();

  @Test
  void storedAlertReadsBackEqualIncludingItsOpeningAndAck() {
    var alert = policy.on(opened(T0), null, T0).next();
    alert = policy.on(timeout(1, T0.plus(ACK_TIMEOUT)), alert, T0).next();
    alert = policy.on(ack(1, Channel.EMAIL, T0.plusSeconds(9)), alert, T0.plusSeconds(9)).next();

    var bytes = serde.serializer().serialize("changelog", alert);
    var read = serde.deserializer().deserialize("changelog", bytes);

    assertThat(read).isEqualTo(alert);
    assertThat(read.opened().plan().ackTimeout()).isEqualTo(ACK_TIMEOUT);
  }

  @Test
  void placeholderWithoutOpeningReadsBack() {
    var early = policy.on(timeout(1, T0.plus(ACK_TIMEOUT)), null, T0).next();

    var read =
        serde
            .deserializer()
            .deserialize("changelog", serde.serializer().serialize("changelog", early));

    assertThat(read).isEqualTo(early);
    assertThat(read.opened()).isNull();
  }
}
