package alerting.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.escalation.system.WorkerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

/** Boots the worker the way the all-in-one runner does, with the streams client held back. */
class EscalationWorkerApplicationTest {
  private static ConfigurableApplicationContext context;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void boot() {
    context =
        EscalationWorkerApplication.builder()
            .run(
                "--server.port=0",
                "--management.server.port=0",
                "--alerting.worker.streams.auto-startup=false",
                "--spring.kafka.admin.auto-create=false");
  }

  @AfterAll
  static void close() {
    context.close();
  }

  /** Actuator answers on the management port only. */
  private static HttpResponse<String> get(String path) throws Exception {
    return get("local.management.port", path);
  }

  private static HttpResponse<String> get(String portProperty, String path) throws Exception {
    var port = context.getEnvironment().getRequiredProperty(portProperty);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readsItsOwnConfigFileNotApplicationYml() {
    var settings = context.getBean(WorkerSettings.class);

    assertThat(context.getEnvironment().getProperty("spring.application.name"))
        .isEqualTo("escalation-worker");
    assertThat(settings.timers().punctuationInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.streams().applicationId()).isEqualTo("escalation-worker");
  }

  @Test
  void declaresTheCatalogueTopicsForCreation() {
    assertThat(context.getBeansOfType(KafkaAdmin.NewTopics.class)).hasSize(1);
  }

  @Test
  void exposesHealth() throws Exception {
    var response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void exposesTheWorkersMetricsToPrometheus() throws Exception {
    var response = get("/actuator/prometheus");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("alerting_escalation_timers_pending", "alerting_alerts_acknowledged_total");
  }

  @Test
  void servesNoActuatorOnItsMainPort() throws Exception {
    assertThat(get("local.server.port", "/actuator/prometheus").statusCode()).isEqualTo(404);
    assertThat(get("local.server.port", "/actuator/health").statusCode()).isEqualTo(404);
  }
}
