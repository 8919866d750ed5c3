package alerting.contacts.system;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.ContactServiceTest;
import org.junit.jupiter.api.Test;

class ApiDocsTest extends ContactServiceTest {

  @Test
  void theOpenApiDescriptionIsServedWithoutATokenAndListsTheTenantApi() {
    var docs = call("GET", "/v3/api-docs", null, null);

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.contentType()).contains("json");
    assertThat(docs.body())
        .contains(
            "\"openapi\":\"3.",
            "\"bearerFormat\":\"JWT\"",
            "\"/api/tenants/{tenantId}/contacts\"",
            "\"/api/tenants/{tenantId}/contact-requests/{requestId}\"",
            "\"/api/tenants/{tenantId}/support-access\"");
  }

  @Test
  void theSwaggerUiIsServedWithoutATokenButTheApiStillNeedsOne() {
    assertThat(call("GET", "/swagger-ui.html", null, null).status()).isIn(200, 302);
    var ui = call("GET", "/swagger-ui/index.html", null, null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
    assertThat(call("GET", "/api/tenants/anyone/contacts", null, null).status()).isEqualTo(401);
  }
}
