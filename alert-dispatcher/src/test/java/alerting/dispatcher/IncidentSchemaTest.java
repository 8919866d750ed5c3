package alerting.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.events.EventJson;
import alerting.events.IncidentClosed;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.IncidentUpdated;
import alerting.events.Severity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON Schemas under docs/ describe exactly what the pipeline writes and accepts. */
class IncidentSchemaTest {
  static final Path SCHEMAS = Path.of("..", "docs", "schemas");
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonSchema schema(String name) throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(SCHEMAS.resolve(name + ".json")));
  }

  static void assertValid(String schema, String json) throws IOException {
    assertThat(schema(schema).validate(JSON.readTree(json))).as(json).isEmpty();
  }

  @Test
  void incidentsWrittenByThePipelineMatchTheirSchemas() throws IOException {
    var now = Instant.now();
    assertValid(
        "incident-raised.v1",
        EventJson.writeString(
            new IncidentRaised(
                UUID.randomUUID(),
                now,
                "inc-1",
                IncidentKind.SECURITY_CONCERN,
                Severity.CRITICAL,
                "Leak",
                null,
                "https://status.example",
                IncidentScope.tenants("acme", "globex"))));
    assertValid(
        "incident-raised.v1",
        EventJson.writeString(
            new IncidentRaised(
                UUID.randomUUID(),
                now,
                "inc-2",
                IncidentKind.PRODUCT_RECOMMENDATION,
                Severity.LOW,
                "Enable MFA",
                "Please",
                null,
                new IncidentScope(true, List.of()))));
    assertValid(
        "incident-updated.v1",
        EventJson.writeString(
            new IncidentUpdated(UUID.randomUUID(), now, "inc-1", "Keys rotated", null)));
    assertValid(
        "incident-closed.v1",
        EventJson.writeString(new IncidentClosed(UUID.randomUUID(), now, "inc-1", "resolved")));
  }

  @Test
  void theDocumentedExampleIsValidAndReadable() throws IOException {
    var readme = Files.readString(SCHEMAS.resolve("README.md"));
    var json =
        readme.substring(
            readme.indexOf("{\"type\":\"incident-raised.v1\""), readme.indexOf("}}'") + 2);
    assertValid("incident-raised.v1", json);
    assertThat(
            EventJson.read(
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8), IncidentRaised.class)
                .scope()
                .tenantIds())
        .containsExactly("acme");
  }

  @Test
  void anIncidentTheDispatcherWouldRejectIsInvalidByTheSchemaToo() throws IOException {
    var noTitleNoScope =
        """
        {"type":"incident-raised.v1","eventId":"5f0c1f5e-3d7b-4a36-9a63-0a4f0f3c9b21",
         "occurredAt":"2026-11-21T10:15:30Z","incidentId":"inc-9","kind":"SECURITY_CONCERN",
         "severity":"URGENT","scope":{"allTenants":false,"tenantIds":[]}}""";
    var errors = schema("incident-raised.v1").validate(JSON.readTree(noTitleNoScope));
    assertThat(errors)
        .extracting(Object::toString)
        .anyMatch(e -> e.contains("title"))
        .anyMatch(e -> e.contains("severity"))
        .anyMatch(e -> e.contains("scope"));
  }

  @Test
  void theSchemasRefuseWhatTheEventsRefuseOverLongTextControlCharactersAndNonWebStatusPages()
      throws IOException {
    var base =
        """
        {"type":"incident-raised.v1","eventId":"5f0c1f5e-3d7b-4a36-9a63-0a4f0f3c9b21",
         "occurredAt":"2026-11-21T10:15:30Z","incidentId":"inc-9","kind":"SECURITY_CONCERN",
         "severity":"HIGH","title":%s,"summary":%s,"statusUrl":%s,"scope":{"allTenants":true}}""";
    var fine =
        base.formatted(
            JSON.writeValueAsString("t".repeat(500)),
            JSON.writeValueAsString("line one\nline two\t" + "s".repeat(3000)),
            "\"https://status.example/x\"");
    assertValid("incident-raised.v1", fine);
    for (var bad :
        List.of(
            base.formatted(JSON.writeValueAsString("t".repeat(501)), "null", "null"),
            base.formatted(JSON.writeValueAsString("nul\u0000here"), "null", "null"),
            base.formatted(JSON.writeValueAsString("evil\u202Etxt.exe"), "null", "null"),
            base.formatted("\"title\"", JSON.writeValueAsString("s".repeat(4001)), "null"),
            base.formatted("\"title\"", "null", "\"javascript:alert(1)\""))) {
      assertThat(schema("incident-raised.v1").validate(JSON.readTree(bad))).as(bad).isNotEmpty();
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> EventJson.read(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
          .as("the dispatcher refuses it too, so a record on incidents.v1 is dead-lettered: " + bad)
          .isNotNull();
    }
  }
}
