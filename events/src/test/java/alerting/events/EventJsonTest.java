package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
  static final AlertBrief BRIEF =
      new AlertBrief(
          "inc-1",
          "acme",
          "Acme Corp",
          "c-1",
          "Ada Lovelace",
          Severity.CRITICAL,
          "Credential leak",
          "Rotate your keys",
          "https://status.example/inc-1",
          "K7QD");
  static final List<ContactMethod> METHODS =
      List.of(
          new ContactMethod(Channel.EMAIL, "ada@acme.example"),
          new ContactMethod(Channel.SMS, "+14155550100"));

  static final Actor ACTOR = new Actor("u-1", "Grace Hopper");
  static final Contact CONTACT =
      new Contact("c-1", "Ada Lovelace", "CISO", Set.of(ContactRole.PRIMARY_SECURITY), METHODS);

  static Stream<Event> everyEventType() {
    var alertId = AlertIds.forRecipient("inc-1", "acme", "c-1");
    var ack =
        new AlertAcknowledged(
            UUID.randomUUID(),
            NOW,
            alertId,
            2,
            Channel.SMS,
            new AckEvidence("+1*******100", "ACK K7QD", NOW));
    return Stream.of(
        new TenantContacts(
            UUID.randomUUID(),
            NOW,
            "acme",
            "Acme Corp",
            3,
            List.of(
                new Contact(
                    "c-1", "Ada Lovelace", "CISO", Set.of(ContactRole.PRIMARY_SECURITY), METHODS)),
            List.of(new TenantAdmin("u-1", "Grace", "grace@acme.example"))),
        new IncidentRaised(
            UUID.randomUUID(),
            NOW,
            "inc-1",
            IncidentKind.SECURITY_CONCERN,
            Severity.CRITICAL,
            "Credential leak",
            "Rotate",
            "https://status.example",
            IncidentScope.tenants("acme")),
        new AlertOpened(
            UUID.randomUUID(),
            NOW,
            alertId,
            BRIEF,
            METHODS,
            new EscalationPlan(Duration.ofMinutes(5), 2)),
        DeliveryRequested.attempt(alertId, 1, METHODS.get(0), BRIEF, NOW),
        new AckTimeoutScheduled(UUID.randomUUID(), NOW, alertId, 1, NOW.plusSeconds(300)),
        ack,
        new DeliveryStatusReported(
            UUID.randomUUID(),
            NOW,
            alertId,
            alertId + ":1",
            1,
            Channel.EMAIL,
            DeliveryStatus.SENT,
            "msg-1",
            null),
        new AlertState(
            UUID.randomUUID(),
            NOW,
            alertId,
            AlertStatus.ACKNOWLEDGED,
            2,
            BRIEF,
            List.of(
                new AttemptRecord(
                    1, Channel.EMAIL, NOW, NOW.plusSeconds(300), DeliveryStatus.SENT)),
            ack,
            "acknowledged by SMS"),
        new IncidentUpdated(
            UUID.randomUUID(), NOW, "inc-1", "Keys rotated", "https://status.example"),
        new IncidentClosed(UUID.randomUUID(), NOW, "inc-1", "resolved"),
        new AlertClosed(UUID.randomUUID(), NOW, alertId, "inc-1", "incident closed"),
        new ContactAdded(
            UUID.randomUUID(),
            NOW,
            "acme",
            "Acme Corp",
            ACTOR,
            CONTACT,
            List.of("grace@acme.example")),
        new ContactUpdated(
            UUID.randomUUID(), NOW, "acme", "Acme Corp", ACTOR, CONTACT, CONTACT, List.of()),
        new ContactRemoved(UUID.randomUUID(), NOW, "acme", "Acme Corp", ACTOR, CONTACT, List.of()),
        new NoticePublished(
            UUID.randomUUID(),
            NOW,
            "n-1",
            "acme",
            "inc-1",
            IncidentKind.SECURITY_CONCERN,
            Severity.HIGH,
            "Leak",
            "Rotate keys",
            null),
        new TenantUnreachable(
            UUID.randomUUID(), NOW, "inc-1", "acme", "Acme Corp", "no contact with a method"),
        new FollowUpRequested(
            UUID.randomUUID(),
            NOW,
            alertId + ":f1",
            alertId,
            METHODS.get(0),
            BRIEF,
            "Keys rotated",
            "https://status.example"),
        new ConfirmationRequested(
            UUID.randomUUID(),
            NOW,
            "sar-1",
            "acme",
            List.of("c-1"),
            Set.of(Channel.VOICE),
            "Confirm: enable support access",
            null),
        new ConfirmationClosed(UUID.randomUUID(), NOW, "sar-1", "expired before it was confirmed"),
        new VerificationRequested(
            UUID.randomUUID(),
            NOW,
            "drill-1",
            "acme",
            "Acme Corp",
            VerificationRequested.Trigger.ADMIN,
            "ada",
            List.of(new VerificationRequested.Target("c-1", "Ada Lovelace", METHODS.get(0)))),
        new ContactsReviewRequested(
            UUID.randomUUID(),
            NOW,
            "acme",
            "Acme Corp",
            2,
            List.of("only one verified channel (EMAIL)"),
            List.of("Ada Lovelace, SMS +14155550100: last attempt failed: undelivered"),
            List.of("grace@acme.example")),
        new SupportAccessChanged(
            UUID.randomUUID(),
            NOW,
            "acme",
            "Acme Corp",
            "sar-1",
            SupportAccessChanged.Action.DISABLE,
            SupportAccessChanged.Step.DISABLED,
            false,
            ACTOR,
            "signed v1",
            List.of("ada@acme.example")));
  }

  @Test
  void everyEventTypeIsCoveredByTheRoundTrip() {
    assertThat(everyEventType().map(Object::getClass).distinct().count())
        .isEqualTo(Event.class.getPermittedSubclasses().length);
  }

  @ParameterizedTest
  @MethodSource("everyEventType")
  void everyEventSurvivesARoundTrip(Event event) {
    assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
  }

  @Test
  void typeIdsOnTheWireAreLogicalNamesNotClassNames() {
    var json =
        EventJson.writeString(
            everyEventType().filter(AlertOpened.class::isInstance).findFirst().orElseThrow());
    assertThat(json).contains("\"type\":\"alert-opened.v1\"").doesNotContain("alerting.events");
    assertThat(json).contains("\"occurredAt\":\"2026-11-21T10:15:30.123Z\"");
  }

  @Test
  void readersIgnoreFieldsAddedByNewerProducers() {
    var json =
        """
        {"type":"ack-timeout-scheduled.v1","eventId":"0b7e3c1e-6a7f-4c55-9b1f-3a3c2f0e9d11",
         "occurredAt":"2026-11-21T10:15:30Z","alertId":"a-1","attempt":1,
         "dueAt":"2026-11-21T10:20:30Z","someFutureField":42}
        """;
    var event = EventJson.read(json.getBytes(StandardCharsets.UTF_8), AckTimeoutScheduled.class);
    assertThat(event.dueAt()).isEqualTo(Instant.parse("2026-11-21T10:20:30Z"));
  }

  @Test
  void anEventMissingARequiredFieldIsRejectedWithItsName() {
    var json =
        """
        {"type":"ack-timeout-scheduled.v1","eventId":"0b7e3c1e-6a7f-4c55-9b1f-3a3c2f0e9d11",
         "occurredAt":"2026-11-21T10:15:30Z","attempt":1,"dueAt":"2026-11-21T10:20:30Z"}
        """;
    assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("alertId");
  }

  @Test
  void anAlertWrittenBeforeCorrelationsReadsAsAnIncidentsAlert() {
    var json =
        """
        {"type":"alert-acknowledged.v1","eventId":"0b7e3c1e-6a7f-4c55-9b1f-3a3c2f0e9d11",
         "occurredAt":"2026-11-21T10:15:30Z","alertId":"a-1","attempt":1,"channel":"SMS",
         "evidence":{"from":"+1*******100","detail":"ACK","receivedAt":"2026-11-21T10:15:30Z"}}
        """;
    var ack = EventJson.read(json.getBytes(StandardCharsets.UTF_8), AlertAcknowledged.class);
    assertThat(ack.correlation()).isEqualTo(Correlation.INCIDENT);
    assertThat(ack.contactId()).isNull();
    var brief =
        EventJson.read(
                EventJson.write(
                    new AlertOpened(
                        UUID.randomUUID(),
                        NOW,
                        "a-1",
                        BRIEF,
                        METHODS,
                        new EscalationPlan(Duration.ofMinutes(5), 2))),
                AlertOpened.class)
            .brief();
    assertThat(brief.correlation().purpose()).isEqualTo(Correlation.Purpose.INCIDENT);
  }

  @Test
  void aConfirmationsAlertAndItsAckCarryTheRequestTheyBelongTo() {
    var correlation = Correlation.supportAccessConfirmation("sar-1");
    var brief =
        new AlertBrief(
            "sar-1",
            "acme",
            "Acme Corp",
            "c-1",
            "Ada",
            Severity.HIGH,
            "Confirm",
            null,
            null,
            "K7QD",
            correlation);
    var opened =
        new AlertOpened(
            UUID.randomUUID(),
            NOW,
            "a-1",
            brief,
            METHODS,
            new EscalationPlan(Duration.ofMinutes(5), 2));
    var ack =
        AlertAcknowledged.of(
            opened, NOW, 1, Channel.SMS, new AckEvidence("+1*******100", "ACK", NOW));
    var read = EventJson.read(EventJson.write(ack), AlertAcknowledged.class);
    assertThat(read.correlation().confirmationOf()).contains("sar-1");
    assertThat(read.contactId()).isEqualTo("c-1");
    assertThatThrownBy(() -> new Correlation(Correlation.Purpose.SUPPORT_ACCESS_CONFIRMATION, " "))
        .hasMessageContaining("requestId");
  }

  @Test
  void anUnknownTypeIdIsRejected() {
    assertThatThrownBy(
            () -> EventJson.read("{\"type\":\"nope.v9\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("nope.v9");
  }
}
