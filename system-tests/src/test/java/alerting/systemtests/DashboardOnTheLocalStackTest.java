package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.events.AlertIds;
import alerting.events.AlertStatus;
import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.localinfra.FreePorts;
import alerting.systemtests.ops.Promtool;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops dashboard and the alerting rules against the real thing: the local stack, scraped every
 * second by a real Prometheus (Debian's) with compose's four jobs and the rules of
 * ops/prometheus/alerting-rules.yml. Before anything happens, every metric the dashboard queries is
 * there (at zero) and promtool finds nothing wrong with the project's own metrics; after a scripted
 * incident (an ack page opened, an escalation, a provider report, a refused webhook, an SMS ack,
 * dead letters), each event's panel shows it from the first occurrence, every panel's query returns
 * data, a quantile never reads above the slowest value, and the dead-letter rule fires. A dashboard
 * edit that points at nothing fails here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardOnTheLocalStackTest {
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  static final String PHONE = "+14155550177";
  static final Path DASHBOARD = Path.of("..", "ops", "grafana", "dashboards", "alerting.json");
  static final Path RULES = Path.of("..", "ops", "prometheus", "alerting-rules.yml");
  static final List<String> SERVICES =
      List.of("contact-service", "alert-dispatcher", "escalation-worker", "ack-receiver");
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A series name the dashboard reads: a project metric or a Kafka client's. */
  static final Pattern METRIC = Pattern.compile("\\b((?:alerting|kafka)_[a-z0-9_]+)\\b");

  @TempDir static Path dataDir;
  static LocalStack stack;
  static StackClient client;
  static Process prometheus;
  static String prometheusUrl;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startTheStackAndAPrometheusScrapingIt() throws Exception {
    var ports = LocalStack.Ports.free();
    stack =
        LocalStack.start(
            SharedKafka.bootstrapServers(),
            dataDir.resolve("stack"),
            ports,
            Map.of(
                "alerting.dispatcher.escalation.critical-ack-timeout",
                ACK_TIMEOUT.toSeconds() + "s",
                "alerting.contacts.verification.scheduled",
                "false",
                "alerting.worker.streams.instance-id",
                "dashboard-worker"));
    client =
        new StackClient(
            stack, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    prometheus = startPrometheus();
  }

  /** Compose's jobs (ops/prometheus/prometheus.yml), pointed at the stack, scraped every second. */
  static Process startPrometheus() throws Exception {
    var dir = Files.createDirectories(dataDir.resolve("prometheus"));
    Files.copy(RULES, dir.resolve("alerting-rules.yml"));
    var jobs = new StringBuilder();
    for (var service : SERVICES) {
      jobs.append(
          """
            - job_name: %s
              metrics_path: /actuator/prometheus
              static_configs:
                - targets: ["localhost:%d"]
          """
              .formatted(service, stack.managementPort(service)));
    }
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - alerting-rules.yml
        scrape_configs:
        """
            + jobs);
    var port = FreePorts.next();
    prometheusUrl = "http://127.0.0.1:" + port;
    var process =
        new ProcessBuilder(
                Promtool.find("prometheus").toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> scalar("count(up == 1)") == SERVICES.size());
    return process;
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(10, TimeUnit.SECONDS);
    }
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void fromStartUpEveryMetricTheDashboardQueriesIsThere() throws Exception {
    var scraped = new TreeSet<String>();
    for (var service : SERVICES) {
      scraped.addAll(seriesNames(scrape(service)));
    }
    var missing = new ArrayList<String>();
    for (var name : dashboardMetrics()) {
      // the Kafka clients' own (consumer lag) exist per assigned partition, once Micrometer's
      // periodic look at the client's metrics has found them: checked after the incident
      if (!name.startsWith("kafka_") && !scraped.contains(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).as("metrics the dashboard queries that no service exposes yet").isEmpty();
  }

  @Test
  @Order(2)
  void promtoolFindsNothingWrongWithTheProjectsOwnMetrics() throws Exception {
    for (var service : SERVICES) {
      var run = Promtool.promtool(dataDir, scrape(service), "check", "metrics");
      var ours = run.output().lines().filter(line -> line.contains("alerting_")).toList();
      assertThat(ours).as(service + ": promtool check metrics on alerting_*").isEmpty();
    }
  }

  @Test
  @Order(3)
  void afterAnIncidentEachEventShowsFromItsFirstOccurrenceAndEveryPanelHasData() throws Exception {
    var tenantId = "dash-" + Long.toString(System.nanoTime(), 36);
    var email = "ada@" + tenantId + ".example";
    var contactId = client.createTenantWithContact(tenantId, email, "(415) 555-0177");
    var raised = Instant.now();
    var incident =
        client.post(
            stack.ports().dispatcher(),
            "/api/incidents",
            Map.of(
                "kind",
                "SECURITY_CONCERN",
                "severity",
                "CRITICAL",
                "title",
                "Dashboard check",
                "summary",
                "One of everything the dashboard shows",
                "statusUrl",
                "https://status.example/dashboard",
                "tenantIds",
                List.of(tenantId)),
            202);
    var alertId = AlertIds.forRecipient((String) incident.get("incidentId"), tenantId, contactId);

    // the email's ack page is opened and left: seen, not acknowledged; the alert escalates
    var mail =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> client.mailsTo(email), m -> !m.isEmpty())
            .get(0);
    var link =
        StackClient.firstMatch(Pattern.compile("(http://localhost:\\d+/ack/\\S+)"), mail.text());
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(link)).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);
    var sms =
        await()
            .atMost(ACK_TIMEOUT.multipliedBy(6))
            .until(() -> client.smsTo(PHONE), s -> !s.isEmpty())
            .get(0);
    var twilio = stack.twilio();
    // the provider reports the text delivered; a forged webhook is refused; the real reply acks
    assertThat(twilio.reportMessageStatus(sms, "delivered", null).status()).isLessThan(300);
    var code = StackClient.firstMatch(Pattern.compile("Reply ([A-Z0-9]{4})"), sms.body());
    assertThat(twilio.replyToSms(PHONE, sms.from(), "ACK " + code, "Zm9yZ2Vk").status())
        .isEqualTo(403);
    assertThat(twilio.replyToSms(PHONE, sms.from(), "ACK " + code).status()).isEqualTo(200);
    var acked = Instant.now();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.states().stream()
                    .anyMatch(
                        s ->
                            s.alertId().equals(alertId) && s.status() == AlertStatus.ACKNOWLEDGED));
    // records nobody can read, on a topic of the dispatcher and one of the worker
    try (var producer =
        new KafkaProducer<byte[], byte[]>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (var topic : List.of(Topics.INCIDENTS.name(), Topics.ACKS.name())) {
        producer.send(
            new ProducerRecord<>(
                topic,
                "dashboard-unreadable".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8)));
      }
    }

    // each event moved its panel from the first occurrence (the counters existed at zero)
    var window = "5m";
    var firsts = new LinkedHashMap<String, String>();
    firsts.put("an ack", "sum(increase(alerting_acks_received_total[5m]))");
    firsts.put("an ack page opened", "sum(increase(alerting_ack_links_opened_total[5m]))");
    firsts.put("a provider report", "sum(increase(alerting_delivery_statuses_reported_total[5m]))");
    firsts.put("an escalation", "sum(increase(alerting_escalation_escalations_total[5m]))");
    firsts.put("a refused webhook", "sum(increase(alerting_webhooks_refused_total[5m]))");
    firsts.put("dead letters", "sum(increase(alerting_dead_letters_total[5m]))");
    firsts.forEach(
        (event, query) ->
            await()
                .alias(event + " shows: " + query)
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> scalar(query) > 0.5));
    assertThat(
            scalar(
                "sum(increase(alerting_delivery_statuses_reported_total{outcome=\"SEEN\"}[5m]))"
                    + " or vector(0)"))
        .as("an ack page opened is not a provider report")
        .isZero();

    // every panel's query evaluates and returns data (the consumers' lag shows once Micrometer's
    // look at the Kafka clients' metrics, every minute, has found their partitions)
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              var empty = new ArrayList<String>();
              for (var panel : dashboardQueries().entrySet()) {
                var query =
                    panel.getKey().replace("$__rate_interval", window).replace("$__range", window);
                var result = query(query);
                assertThat(result.path("status").asString())
                    .as(panel.getValue() + ": " + query)
                    .isEqualTo("success");
                if (result.path("data").path("result").isEmpty()) {
                  empty.add(panel.getValue() + ": " + query);
                }
              }
              assertThat(empty)
                  .as("panels whose query returns nothing after the incident")
                  .isEmpty();
            });

    // time to ack reads the ack's real time, its quantiles never above the slowest
    var tookSeconds = Duration.between(raised, acked).toMillis() / 1000.0;
    var slowest = scalar("max(max_over_time(alerting_alerts_time_to_ack_seconds_max[5m]))");
    assertThat(slowest).isBetween(tookSeconds - 10, tookSeconds + 1);
    for (var panelQuery : dashboardQueries().keySet()) {
      if (panelQuery.contains("histogram_quantile") && panelQuery.contains("time_to_ack")) {
        var quantile = scalar(panelQuery.replace("$__rate_interval", window));
        assertThat(quantile).as(panelQuery).isLessThanOrEqualTo(slowest).isGreaterThan(0);
      }
    }

    // and the pipeline alerts on itself: the dead letters fire their rule
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        query("ALERTS{alertname=\"AlertingDeadLetters\", alertstate=\"firing\"}")
                            .path("data")
                            .path("result"))
                    .isNotEmpty());
  }

  // ------------------------------------------------------------------------------ helpers

  /** Every target's query, mapped to its panel's title. */
  static Map<String, String> dashboardQueries() throws IOException {
    var queries = new LinkedHashMap<String, String>();
    collect(JSON.readTree(DASHBOARD.toFile()).path("panels"), queries);
    return queries;
  }

  private static void collect(JsonNode panels, Map<String, String> queries) {
    for (var panel : panels) {
      collect(panel.path("panels"), queries);
      for (var target : panel.path("targets")) {
        queries.put(target.path("expr").asString(), panel.path("title").asString());
      }
    }
  }

  static TreeSet<String> dashboardMetrics() throws IOException {
    var names = new TreeSet<String>();
    for (var query : dashboardQueries().keySet()) {
      METRIC.matcher(query).results().forEach(m -> names.add(m.group(1)));
    }
    return names;
  }

  /** The names of the series in an exposition, with the suffixes the queries use. */
  static TreeSet<String> seriesNames(String exposition) {
    var names = new TreeSet<String>();
    exposition
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("[{ ]", 2)[0])
        .forEach(names::add);
    return names;
  }

  static String scrape(String service) throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + stack.managementPort(service)
                            + "/actuator/prometheus"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
    return response.body();
  }

  static JsonNode query(String promql) throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        prometheusUrl
                            + "/api/v1/query?query="
                            + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** The query's one value; fails when it has none. */
  static double scalar(String promql) throws Exception {
    var result = query(promql).path("data").path("result");
    assertThat(result).as(promql).isNotEmpty();
    return Double.parseDouble(result.get(0).path("value").get(1).asString());
  }
}
