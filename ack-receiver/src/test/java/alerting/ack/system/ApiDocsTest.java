package alerting.ack.system;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.ack.AckReceiverTestSupport;
import org.junit.jupiter.api.Test;

class ApiDocsTest extends AckReceiverTestSupport {

  @Test
  void theOpenApiDescriptionListsTheAckLinkAndTheTwilioWebhooksWithoutCredentials() {
    var docs = get("/v3/api-docs", "198.51.100.200");

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    assertThat(docs.body()).contains("\"openapi\":\"3.", "\"/ack/{token}\"", "\"/twilio/sms\"");
  }

  @Test
  void theSwaggerUiIsServed() {
    var ui = get("/swagger-ui/index.html", "198.51.100.201");

    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
  }
}
