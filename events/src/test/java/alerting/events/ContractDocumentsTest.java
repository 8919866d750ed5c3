package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The contract for outside consumers (docs/schemas, docs/asyncapi.yaml) describes the events as the
 * pipeline writes and reads them: every event type has a schema, every event written validates
 * against it, and a field the schema requires is exactly one the event cannot do without.
 */
class ContractDocumentsTest {
  static final Path DOCS = Path.of("..", "docs");
  static final Path SCHEMAS = DOCS.resolve("schemas");
  static final Path ASYNCAPI = DOCS.resolve("asyncapi.yaml");
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final JsonSchemaFactory SCHEMA_FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  /**
   * Where a schema is knowingly stricter than the reader, so producers say what they mean: a
   * missing {@code scope.allTenants} reads as false, but an incident should state it.
   */
  static final Set<String> STRICTER_THAN_THE_READER =
      Set.of("incident-raised.v1 /scope/allTenants");

  static String typeId(Class<?> type) {
    return type.getAnnotation(JsonTypeName.class).value();
  }

  static Set<String> typeIds() {
    return Arrays.stream(Event.class.getPermittedSubclasses())
        .map(ContractDocumentsTest::typeId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static JsonSchema schema(String typeId) {
    try {
      return SCHEMA_FACTORY.getSchema(Files.readString(SCHEMAS.resolve(typeId + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Event event) {
    try {
      return JSON.readTree(EventJson.write(event));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean readable(JsonNode json) {
    return catchThrowable(() -> EventJson.read(JSON.writeValueAsBytes(json))) == null;
  }

  @Test
  void everyEventTypeHasASchemaAndASample() {
    var sampled = Samples.all().stream().map(e -> typeId(e.getClass())).collect(Collectors.toSet());
    var softly = new SoftAssertions();
    for (var typeId : typeIds()) {
      softly
          .assertThat(SCHEMAS.resolve(typeId + ".json"))
          .as("schema of " + typeId)
          .isRegularFile();
      softly.assertThat(sampled).as("a sample of " + typeId + " in Samples.all()").contains(typeId);
    }
    softly.assertAll();
  }

  @Test
  void everyEventThePipelineWritesMatchesItsSchema() {
    var softly = new SoftAssertions();
    for (var event : Samples.all()) {
      var json = json(event);
      softly
          .assertThat(schema(typeId(event.getClass())).validate(json))
          .as(json.toString())
          .isEmpty();
    }
    softly.assertAll();
  }

  @Test
  void everySchemaIsNamedForAnEventTypeAndPinsItsTypeId() throws IOException {
    List<Path> files;
    try (var listing = Files.list(SCHEMAS)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    var softly = new SoftAssertions();
    for (var file : files) {
      var name = file.getFileName().toString().replaceFirst("\\.json$", "");
      var schema = JSON.readTree(file.toFile());
      softly.assertThat(typeIds()).as(file + " names an event type").contains(name);
      softly
          .assertThat(schema.path("properties").path("type").path("const").asText())
          .as(file + " type const")
          .isEqualTo(name);
      softly.assertThat(schema.path("title").asText()).as(file + " title").isEqualTo(name);
      softly
          .assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      softly
          .assertThat(schema.path("required"))
          .as(file + " requires type")
          .contains(JSON.getNodeFactory().textNode("type"));
      softly.assertThat(schema.toString()).as(file + " describes it").contains("\"description\"");
    }
    softly.assertThat(files).hasSize(typeIds().size());
    softly.assertAll();
  }

  @Test
  void anEventOfAnotherTypeDoesNotPassForThisOne() {
    var raised =
        json(
            Samples.all().stream()
                .filter(IncidentRaised.class::isInstance)
                .findFirst()
                .orElseThrow());
    assertThat(schema("incident-updated.v1").validate(raised)).isNotEmpty();
    assertThat(schema("alert-opened.v1").validate(json(Samples.ack()))).isNotEmpty();
  }

  /**
   * Removes, then nulls, every field at every depth of every sample: the schema must refuse exactly
   * what the pipeline's reader refuses, so its {@code required} lists are the constructors' rules,
   * no more and no less.
   */
  @Test
  void theSchemaRequiresExactlyWhatTheEventsCannotDoWithout() {
    var softly = new SoftAssertions();
    var refusedMissing = new ArrayList<String>();
    for (var event : Samples.all()) {
      var typeId = typeId(event.getClass());
      var schema = schema(typeId);
      var original = json(event);
      eachField(
          original,
          "",
          (path) -> {
            for (var variant : List.of("missing", "null")) {
              var changed = original.deepCopy();
              change(changed, path, variant.equals("missing"));
              var schemaRefuses = !schema.validate(changed).isEmpty();
              var readerRefuses = !readable(changed);
              if (STRICTER_THAN_THE_READER.contains(typeId + " " + path) && schemaRefuses) {
                continue;
              }
              softly
                  .assertThat(schemaRefuses)
                  .as(
                      "%s with %s %s: the reader %s it, the schema must too",
                      typeId, path, variant, readerRefuses ? "refuses" : "accepts")
                  .isEqualTo(readerRefuses);
              if (variant.equals("missing") && schemaRefuses) {
                refusedMissing.add(typeId + " " + path);
              }
            }
          });
    }
    softly.assertAll();
    // the check above must have had something to refuse for every type
    assertThat(refusedMissing.stream().map(s -> s.split(" ")[0]).collect(Collectors.toSet()))
        .containsAll(typeIds());
  }

  @Test
  void theAsyncApiDocumentHasAChannelForEveryTopicOfTheCatalogueAsItIsKept() throws IOException {
    var doc = YAML.readTree(ASYNCAPI.toFile());
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.path("info").path("title").asText()).isNotBlank();
    assertThat(doc.path("info").path("version").asText()).isNotBlank();
    var byAddress = new HashMap<String, String>();
    doc.path("channels")
        .fields()
        .forEachRemaining(c -> byAddress.put(c.getValue().path("address").asText(), c.getKey()));
    var softly = new SoftAssertions();
    for (var topic : Topics.ALL) {
      var id = byAddress.get(topic.name());
      softly.assertThat(id).as("a channel with address " + topic.name()).isNotNull();
      if (id == null) {
        continue;
      }
      var channel = doc.path("channels").path(id);
      var kafka = channel.path("bindings").path("kafka");
      softly
          .assertThat(kafka.path("partitions").asInt())
          .as(topic + " partitions")
          .isEqualTo(topic.partitions());
      softly
          .assertThat(kafka.path("topicConfiguration").path("cleanup.policy").toString())
          .as(topic + " cleanup")
          .isEqualTo("[\"" + topic.cleanupPolicy().configValue() + "\"]");
      softly
          .assertThat(channel.path("description").asText())
          .as(topic + " description")
          .contains("Key: " + topic.keyedBy())
          .contains("Compression: ");
      for (var action : List.of("send", "receive")) {
        softly
            .assertThat(operations(doc, id, action))
            .as(topic + ": who does " + action)
            .isNotEmpty();
      }
    }
    softly.assertAll();
  }

  @Test
  void everyEventTypeIsAMessageOnAChannelWithItsSchema() throws IOException {
    var doc = YAML.readTree(ASYNCAPI.toFile());
    var named = new HashMap<String, String>();
    var softly = new SoftAssertions();
    doc.path("components")
        .path("messages")
        .fields()
        .forEachRemaining(
            m -> {
              var ref = m.getValue().path("payload").path("$ref").asText();
              if (!ref.isEmpty()) {
                var schema = DOCS.resolve(ref).normalize();
                softly.assertThat(schema).as(m.getKey() + " payload").isRegularFile();
                softly
                    .assertThat(schema.getFileName().toString())
                    .isEqualTo(m.getValue().path("name").asText() + ".json");
                named.put(m.getValue().path("name").asText(), m.getKey());
              }
            });
    var onChannels = new HashSet<String>();
    doc.path("channels")
        .forEach(c -> c.path("messages").forEach(m -> onChannels.add(m.path("$ref").asText())));
    for (var typeId : typeIds()) {
      softly.assertThat(named).as("a message for " + typeId).containsKey(typeId);
      softly
          .assertThat(onChannels)
          .as(typeId + " on a channel")
          .contains("#/components/messages/" + named.get(typeId));
    }
    softly.assertThat(named.keySet()).as("messages name real event types").isSubsetOf(typeIds());
    softly.assertAll();
  }

  @Test
  void everyReferenceInTheAsyncApiDocumentResolvesAndOperationsUseTheirChannelsMessages()
      throws IOException {
    var doc = YAML.readTree(ASYNCAPI.toFile());
    var refs = new ArrayList<String>();
    collectRefs(doc, refs);
    assertThat(refs).hasSizeGreaterThan(100);
    var softly = new SoftAssertions();
    for (var ref : refs) {
      if (ref.startsWith("#")) {
        softly.assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
      } else {
        softly.assertThat(DOCS.resolve(ref.replaceFirst("#.*", ""))).as(ref).isRegularFile();
      }
    }
    doc.path("operations")
        .fields()
        .forEachRemaining(
            op -> {
              var channel = op.getValue().path("channel").path("$ref").asText();
              softly
                  .assertThat(op.getValue().path("action").asText())
                  .as(op.getKey())
                  .isIn("send", "receive");
              softly
                  .assertThat(op.getValue().path("messages"))
                  .as(op.getKey() + " messages")
                  .isNotEmpty();
              op.getValue()
                  .path("messages")
                  .forEach(
                      m ->
                          softly
                              .assertThat(m.path("$ref").asText())
                              .as(op.getKey())
                              .startsWith(channel + "/messages/"));
            });
    softly.assertAll();
  }

  @Test
  void deadLettersAreDescribedWithTheReasonAndOriginHeaders() throws IOException {
    var doc = YAML.readTree(ASYNCAPI.toFile());
    var deadLetters = new ArrayList<JsonNode>();
    doc.path("channels")
        .forEach(
            c -> {
              if (c.path("address").asText().equals("{topic}-dlt")) {
                deadLetters.add(c);
              }
            });
    assertThat(deadLetters).hasSize(1);
    var origins = new HashSet<String>();
    deadLetters
        .get(0)
        .path("parameters")
        .path("topic")
        .path("enum")
        .forEach(t -> origins.add(t.asText()));
    var consumed =
        new ArrayList<String>(
            List.of(
                Topics.INCIDENTS.name(),
                Topics.CONTACTS_CHANGES.name(),
                Topics.SUPPORT_ACCESS.name(),
                Topics.NOTICES.name(),
                Topics.ALERTS.name(),
                Topics.ACK_TIMEOUTS.name(),
                Topics.ACKS.name(),
                Topics.DELIVERY_STATUS.name()));
    Topics.deliveries().forEach(t -> consumed.add(t.name()));
    assertThat(origins).containsAll(consumed);
    deadLetters
        .get(0)
        .path("messages")
        .forEach(
            m -> {
              var message = doc.at(m.path("$ref").asText().substring(1));
              assertThat(message.path("headers").path("required").toString())
                  .contains(DeadLetterReason.HEADER, DeadLetterReason.ORIGIN_HEADER);
            });
  }

  @Test
  void theSchemasReadmeListsEverySchemaAndPointsToTheAsyncApiDocument() throws IOException {
    var readme = Files.readString(SCHEMAS.resolve("README.md"));
    assertThat(readme).contains("../asyncapi.yaml");
    for (var typeId : typeIds()) {
      assertThat(readme).as("README lists " + typeId).contains("(" + typeId + ".json)");
    }
  }

  static List<String> operations(JsonNode doc, String channelId, String action) {
    var found = new ArrayList<String>();
    doc.path("operations")
        .fields()
        .forEachRemaining(
            op -> {
              if (op.getValue().path("action").asText().equals(action)
                  && op.getValue()
                      .path("channel")
                      .path("$ref")
                      .asText()
                      .equals("#/channels/" + channelId)) {
                found.add(op.getKey());
              }
            });
    return found;
  }

  static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.path("$ref").isTextual()) {
      refs.add(node.path("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  /** Calls {@code field} with the JSON-pointer path of every field of every object, depth first. */
  static void eachField(JsonNode node, String at, Consumer<String> field) {
    if (node instanceof ObjectNode object) {
      for (var name : (Iterable<String>) () -> object.fieldNames()) {
        field.accept(at + "/" + name);
        eachField(object.get(name), at + "/" + name, field);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        eachField(array.get(i), at + "/" + i, field);
      }
    }
  }

  static void change(JsonNode root, String path, boolean remove) {
    var cut = path.lastIndexOf('/');
    var parent = (ObjectNode) root.at(path.substring(0, cut));
    var name = path.substring(cut + 1);
    if (remove) {
      parent.remove(name);
    } else {
      parent.putNull(name);
    }
  }

  /** Representative events of every type, with optional fields both filled and left out. */
  static final class Samples {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    static final String ALERT = AlertIds.forRecipient("inc-2026-0042", "acme", "c-1");
    static final ContactMethod EMAIL = new ContactMethod(Channel.EMAIL, "ada@acme.example");
    static final ContactMethod SMS = new ContactMethod(Channel.SMS, "+15551234567");
    static final AlertBrief BRIEF =
        new AlertBrief(
            "inc-2026-0042",
            "acme",
            "Acme Corp",
            "c-1",
            "Ada Lovelace",
            Severity.CRITICAL,
            "Leaked API keys",
            "Rotate every API key now",
            "https://status.example.com/inc-2026-0042",
            ReplyCodes.forAlert(ALERT));
    static final AlertBrief BARE_BRIEF =
        new AlertBrief(
            "inc-2026-0042",
            "acme",
            null,
            "c-1",
            null,
            Severity.LOW,
            "Enable MFA",
            null,
            null,
            ReplyCodes.forAlert(ALERT));
    static final AlertBrief CONFIRMATION_BRIEF =
        new AlertBrief(
            "req-1",
            "acme",
            "Acme Corp",
            "c-1",
            "Ada Lovelace",
            Severity.HIGH,
            "Confirm: enable Customer Support Access",
            null,
            null,
            ReplyCodes.forAlert(ALERT),
            Correlation.supportAccessConfirmation("req-1"));
    static final Contact CONTACT =
        new Contact(
            "c-1",
            "Ada Lovelace",
            "CISO",
            Set.of(ContactRole.CIO_CISO, ContactRole.PRIMARY_SECURITY),
            List.of(EMAIL, SMS));
    static final Contact BARE_CONTACT =
        new Contact("c-2", "Bob", null, Set.of(ContactRole.PRIMARY_IT), List.of());
    static final Actor ACTOR = new Actor("u-1", "Grace Admin");
    static final IncidentRaised RAISED =
        new IncidentRaised(
            id(),
            NOW,
            "inc-2026-0042",
            IncidentKind.SECURITY_CONCERN,
            Severity.CRITICAL,
            "Leaked API keys",
            "Rotate every API key now",
            "https://status.example.com/inc-2026-0042",
            IncidentScope.tenants("acme", "globex"));

    static UUID id() {
      return UUID.randomUUID();
    }

    static AlertAcknowledged ack() {
      return new AlertAcknowledged(
          id(),
          NOW,
          ALERT,
          2,
          Channel.SMS,
          new AckEvidence("+1555***4567", ReplyCodes.forAlert(ALERT), NOW));
    }

    static List<Event> all() {
      var queued = new AttemptRecord(2, Channel.SMS, NOW, NOW.plusSeconds(900), null);
      var failed =
          new AttemptRecord(
              1,
              Channel.EMAIL,
              NOW,
              NOW.plusSeconds(300),
              DeliveryStatus.FAILED,
              NOW.plusSeconds(1),
              "mailbox unavailable");
      return Stream.of(
              new TenantContacts(
                  id(),
                  NOW,
                  "acme",
                  "Acme Corp",
                  7,
                  List.of(CONTACT, BARE_CONTACT),
                  List.of(
                      new TenantAdmin("u-1", "Grace Admin", "grace@acme.example"),
                      new TenantAdmin("u-2", null, null))),
              new TenantContacts(id(), NOW, "acme", "Acme Corp", 0, List.of(), null),
              new ContactAdded(
                  id(), NOW, "acme", "Acme Corp", ACTOR, CONTACT, List.of("grace@acme.example")),
              new ContactAdded(id(), NOW, "acme", null, new Actor("u-1", null), BARE_CONTACT, null),
              new ContactUpdated(
                  id(),
                  NOW,
                  "acme",
                  "Acme Corp",
                  ACTOR,
                  BARE_CONTACT,
                  CONTACT,
                  List.of("ada@acme.example")),
              new ContactRemoved(id(), NOW, "acme", "Acme Corp", ACTOR, CONTACT, null),
              new SupportAccessChanged(
                  id(),
                  NOW,
                  "acme",
                  "Acme Corp",
                  "req-1",
                  SupportAccessChanged.Action.DISABLE,
                  SupportAccessChanged.Step.SIGNED,
                  true,
                  ACTOR,
                  "implications acknowledged and signed",
                  List.of("ada@acme.example")),
              new SupportAccessChanged(
                  id(),
                  NOW,
                  "acme",
                  null,
                  "req-2",
                  SupportAccessChanged.Action.ENABLE,
                  SupportAccessChanged.Step.ENABLED,
                  true,
                  ACTOR,
                  null,
                  null),
              RAISED,
              new IncidentRaised(
                  id(),
                  NOW,
                  "inc-2026-0043",
                  IncidentKind.PRODUCT_RECOMMENDATION,
                  Severity.LOW,
                  "Enable MFA",
                  null,
                  null,
                  new IncidentScope(true, List.of())),
              new IncidentUpdated(
                  id(), NOW, "inc-2026-0042", "Keys rotated", "https://status.example.com/u/1"),
              new IncidentUpdated(id(), NOW, "inc-2026-0042", "Keys rotated", null),
              new IncidentClosed(id(), NOW, "inc-2026-0042", "resolved"),
              new IncidentClosed(id(), NOW, "inc-2026-0042", null),
              new ConfirmationRequested(
                  id(),
                  NOW,
                  "req-1",
                  "acme",
                  List.of("c-1", "c-2"),
                  Set.of(Channel.VOICE),
                  "Confirm: enable Customer Support Access",
                  "Press 1 to confirm"),
              new ConfirmationRequested(
                  id(),
                  NOW,
                  "req-2",
                  "acme",
                  List.of("c-1"),
                  Set.of(Channel.EMAIL, Channel.SMS),
                  "Confirm",
                  null),
              new ConfirmationClosed(id(), NOW, "req-1", "confirmed by Ada Lovelace"),
              new VerificationRequested(
                  id(),
                  NOW,
                  "drill-1",
                  "acme",
                  "Acme Corp",
                  VerificationRequested.Trigger.ADMIN,
                  "ada",
                  List.of(
                      new VerificationRequested.Target("c-1", "Ada Lovelace", EMAIL),
                      new VerificationRequested.Target("c-1", "Ada Lovelace", SMS))),
              new VerificationRequested(
                  id(),
                  NOW,
                  "drill-2",
                  "acme",
                  null,
                  VerificationRequested.Trigger.SCHEDULE,
                  null,
                  List.of(new VerificationRequested.Target("c-2", null, SMS))),
              new ContactsReviewRequested(
                  id(),
                  NOW,
                  "acme",
                  "Acme Corp",
                  1,
                  List.of("no Primary Security contact has a verified contact method"),
                  List.of("Ada Lovelace, EMAIL ada@acme.example: never verified"),
                  List.of("grace@acme.example")),
              new ContactsReviewRequested(
                  id(),
                  NOW,
                  "acme",
                  null,
                  3,
                  List.of("no verified contact method at all"),
                  null,
                  null),
              new TenantUnreachable(
                  id(),
                  NOW,
                  "inc-2026-0042",
                  "globex",
                  "Globex",
                  "no contact has a contact method"),
              new TenantUnreachable(id(), NOW, "inc-2026-0042", "initech", null, "tenant unknown"),
              new AlertOpened(
                  id(),
                  NOW,
                  ALERT,
                  BRIEF,
                  List.of(EMAIL, SMS),
                  new EscalationPlan(Duration.ofMinutes(5), 2)),
              new AlertOpened(
                  id(),
                  NOW,
                  ALERT,
                  CONFIRMATION_BRIEF,
                  List.of(SMS),
                  new EscalationPlan(Duration.ofMinutes(10), 2)),
              new AlertOpened(
                  id(),
                  NOW,
                  ALERT,
                  BARE_BRIEF,
                  List.of(SMS),
                  new EscalationPlan(Duration.ofSeconds(90), 1, Duration.ofMinutes(2))),
              new AlertClosed(id(), NOW, ALERT, "inc-2026-0042", "incident closed: resolved"),
              new AlertClosed(id(), NOW, ALERT, "inc-2026-0042", null),
              DeliveryRequested.attempt(ALERT, 1, EMAIL, BRIEF, NOW),
              DeliveryRequested.attempt(ALERT, 3, SMS, BARE_BRIEF, NOW),
              new FollowUpRequested(
                  id(),
                  NOW,
                  "upd-1:" + ALERT,
                  ALERT,
                  EMAIL,
                  BRIEF,
                  "Keys rotated",
                  "https://status.example.com/inc-2026-0042"),
              new FollowUpRequested(
                  id(), NOW, "upd-2:" + ALERT, ALERT, SMS, BARE_BRIEF, "All clear", null),
              new AckTimeoutScheduled(id(), NOW, ALERT, 1, NOW.plusSeconds(300)),
              ack(),
              new AlertAcknowledged(
                  id(), NOW, ALERT, null, Channel.EMAIL, new AckEvidence("203.0.113.7", null, NOW)),
              new AlertAcknowledged(
                  id(),
                  NOW,
                  ALERT,
                  1,
                  Channel.VOICE,
                  new AckEvidence("+1555***4567", "1", NOW),
                  "c-1",
                  Correlation.supportAccessConfirmation("req-1")),
              new DeliveryStatusReported(
                  id(),
                  NOW,
                  ALERT,
                  AlertIds.deliveryId(ALERT, 1),
                  1,
                  Channel.EMAIL,
                  DeliveryStatus.FAILED,
                  "smtp-4711",
                  "mailbox unavailable"),
              new DeliveryStatusReported(
                  id(),
                  NOW,
                  ALERT,
                  AlertIds.deliveryId(ALERT, 2),
                  2,
                  Channel.SMS,
                  DeliveryStatus.SENT,
                  null,
                  null),
              new DeliveryStatusReported(
                  id(),
                  NOW,
                  ALERT,
                  AlertIds.deliveryId(ALERT, 3),
                  3,
                  Channel.VOICE,
                  DeliveryStatus.NOT_SENT,
                  null,
                  "alert acknowledged"),
              new AlertState(
                  id(),
                  NOW,
                  ALERT,
                  AlertStatus.OPEN,
                  2,
                  BRIEF,
                  List.of(failed, queued),
                  null,
                  null),
              new AlertState(
                  id(),
                  NOW,
                  ALERT,
                  AlertStatus.ACKNOWLEDGED,
                  2,
                  BRIEF,
                  List.of(
                      failed,
                      queued
                          .sent(NOW.plusSeconds(2), NOW.plusSeconds(302))
                          .withStatus(DeliveryStatus.DELIVERED)),
                  ack(),
                  "acknowledged by SMS reply"),
              new AlertState(id(), NOW, ALERT, AlertStatus.CLOSED, 0, null, null, null, null),
              new NoticePublished(
                  id(),
                  NOW,
                  "notice-1",
                  "acme",
                  "inc-2026-0042",
                  IncidentKind.SECURITY_CONCERN,
                  Severity.CRITICAL,
                  "Leaked API keys",
                  "Rotate every API key now",
                  "https://status.example.com"),
              new NoticePublished(
                  id(),
                  NOW,
                  "notice-2",
                  "acme",
                  null,
                  IncidentKind.PRODUCT_RECOMMENDATION,
                  null,
                  "Enable MFA",
                  null,
                  null))
          .map(Event.class::cast)
          .toList();
    }
  }
}
