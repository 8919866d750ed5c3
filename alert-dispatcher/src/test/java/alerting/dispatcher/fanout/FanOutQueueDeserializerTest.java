package alerting.dispatcher.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.dispatcher.system.ProducerValues;
import alerting.events.Channel;
import alerting.events.ConfirmationRequested;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fan-out queues carry the dispatcher's own slices beside events, in one JSON format. */
class FanOutQueueDeserializerTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
  static final IncidentRaised INCIDENT =
      new IncidentRaised(
          UUID.randomUUID(),
          NOW,
          "inc-1",
          IncidentKind.SECURITY_CONCERN,
          Severity.HIGH,
          "Leak",
          null,
          null,
          IncidentScope.tenants("acme", "globex"));
  final org.apache.kafka.common.serialization.Serializer<Object> serializer =
      ProducerValues.serializer();
  final FanOutQueueDeserializer deserializer = new FanOutQueueDeserializer();

  @Test
  void aSliceAndAWaitingConfirmationAreReadBackAsWritten() {
    var slice =
        new FanOutBatchQueued(UUID.randomUUID(), NOW, INCIDENT, 2, 3, List.of("acme", "globex"));
    var bytes = serializer.serialize("incidents.v1-fanout", slice);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"type\":\"fan-out-batch-queued.v1\"", "\"type\":\"incident-raised.v1\"");
    assertThat(deserializer.deserialize("incidents.v1-fanout", bytes)).isEqualTo(slice);

    var waiting =
        new ConfirmationRequested(
            UUID.randomUUID(),
            NOW,
            "sar-1",
            "acme",
            List.of("c-1"),
            Set.of(Channel.VOICE),
            "Confirm",
            null);
    assertThat(
            deserializer.deserialize(
                "incidents.v1-fanout-wait",
                serializer.serialize("incidents.v1-fanout-wait", waiting)))
        .isEqualTo(waiting);
  }

  @Test
  void aSliceQueuedWhileItWasStillAnEventIsRead() {
    var json =
        """
        {"type":"fan-out-batch-queued.v1","eventId":"0b7e3c1e-6a7f-4c55-9b1f-3a3c2f0e9d11",
         "occurredAt":"2026-11-21T10:15:30Z","batch":1,"batches":1,"tenantIds":["acme"],
         "incident":{"type":"incident-raised.v1","eventId":"0b7e3c1e-6a7f-4c55-9b1f-3a3c2f0e9d12",
          "occurredAt":"2026-11-21T10:15:30Z","incidentId":"inc-1","kind":"SECURITY_CONCERN",
          "severity":"HIGH","title":"Leak","scope":{"allTenants":false,"tenantIds":["acme"]}}}
        """;
    var slice =
        (FanOutBatchQueued)
            deserializer.deserialize("incidents.v1-fanout", json.getBytes(StandardCharsets.UTF_8));
    assertThat(slice.key()).isEqualTo("inc-1/1");
    assertThat(slice.tenantIds()).containsExactly("acme");
  }

  @Test
  void anythingElseFailsAsAnUnreadableEventDoes() {
    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    "incidents.v1-fanout",
                    "{\"type\":\"no-such-event.v1\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no-such-event.v1");
    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    "incidents.v1-fanout",
                    "{\"type\":\"fan-out-batch-queued.v1\",\"batch\":1,\"batches\":1}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("eventId is required");
  }
}
