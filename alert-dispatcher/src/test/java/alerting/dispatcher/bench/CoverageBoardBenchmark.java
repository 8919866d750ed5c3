package alerting.dispatcher.bench;

import alerting.dispatcher.DispatcherApplication;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.BoardAlertStates;
import alerting.testsupport.SharedKafka;
import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The coverage board of one mass incident: 60,000 alert states (20,000 tenants × 3 contacts, mixed
 * statuses) published to {@code alerts.state.v1} on an in-JVM broker and taken in by the
 * dispatcher's view as in production; then the board's requests, one at a time after a warm-up,
 * timed on the server (Spring's {@code http.server.requests} timer, read around each request) and
 * on the client. Writes the "Coverage board" section of docs/benchmarks.md. Target: the first page
 * under 1 s of server time.
 *
 * <p>Run: {@code mvn -q -f alert-dispatcher/pom.xml -Pbenchmark test-compile
 * exec:exec@coverage-benchmark}
 */
public final class CoverageBoardBenchmark {
  static final int TENANTS = Integer.getInteger("bench.tenants", 20_000);
  static final int CONTACTS = BoardAlertStates.CONTACTS;
  static final int WARM_UP = Integer.getInteger("bench.warmup", 20);
  static final int REQUESTS = Integer.getInteger("bench.requests", 50);
  static final String COMMAND =
      "mvn -q -f alert-dispatcher/pom.xml -Pbenchmark test-compile exec:exec@coverage-benchmark";
  static final BenchmarkDoc DOC = new BenchmarkDoc("coverage-board", "Coverage board", COMMAND);
  static final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Throwable e) {
      // the in-JVM broker's threads would keep the JVM (and Maven) waiting forever
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void run() throws Exception {
    var bootstrap = SharedKafka.bootstrapServers();
    SharedKafka.createTopics(Topics.ALL);
    var twilioClient =
        new TwilioRestClient.Builder("AC22222222222222222222222222222222", "bench-token")
            .httpClient(new ZeroLatencyTwilio())
            .build();
    try (var dispatcher =
        DispatcherApplication.builder()
            .initializers(
                ctx -> {
                  ctx.getBeanFactory()
                      .registerSingleton("benchMailSender", new ZeroLatencyMailSender());
                  ctx.getBeanFactory().registerSingleton("benchTwilio", twilioClient);
                })
            .run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.port=0",
                "--management.server.port=0",
                "--alerting.dispatcher.security.anonymous-responders=true",
                "--alerting.dispatcher.twilio.auth-token=bench-token",
                "--alerting.dispatcher.links.key=bench-ack-link-key-0123456789abcdef",
                "--alerting.dispatcher.links.signing-key=bench-signing-link-key-0123456789abcdef",
                "--logging.level.root=WARN",
                "--logging.level.alerting=WARN")) {
      var base =
          "http://localhost:" + ((WebServerApplicationContext) dispatcher).getWebServer().getPort();
      var meters = dispatcher.getBean(MeterRegistry.class);
      var incidentId = "inc-board-" + UUID.randomUUID();
      var loadAtStart = BenchmarkDoc.loadAverage();
      var viewSeconds = publish(incidentId, base);
      System.out.printf(
          "%,d alert states published and in the view after %.1f s%n",
          TENANTS * CONTACTS, viewSeconds);

      var board = "/api/incidents/" + incidentId;
      var requests =
          List.of(
              new Probe("incident list, first page", "/api/incidents"),
              new Probe("board: totals + first 20 tenant rows", board),
              new Probe(
                  "board: tenant rows, text filter (q=tenant 1999)", board + "?q=tenant%201999"),
              new Probe("alerts: first page (50)", board + "/alerts"),
              new Probe("alerts: first page, status=EXHAUSTED", board + "/alerts?status=EXHAUSTED"),
              new Probe(
                  "alerts: first page, q=it 1234 (contact or tenant text)",
                  board + "/alerts?q=it%201234"),
              new Probe(
                  "alerts: one tenant (tenant=bench-t-777)", board + "/alerts?tenant=bench-t-777"),
              new Probe("alerts: last page (500 rows)", board + "/alerts?size=500&page=119"));
      var results = new ArrayList<Result>();
      for (var probe : requests) {
        results.add(measure(probe, base, meters));
      }
      var table = table(results);
      System.out.println(table);
      DOC.write(
          """
          ### Latest run: %s

          %s, %d cores, in-JVM KRaft broker (one node) and the dispatcher in one JVM.
          %,d alert states (%,d tenants × %d contacts: 40%% acknowledged, 30%% open and sent, 10%% open
          after a failed attempt, 10%% exhausted, 10%% queued) published to alerts.state.v1; the
          dispatcher's view held all of them %.1f s after the first was sent.
          Each request %d times after %d warm-up requests, one at a time. *Server* is Spring's
          `http.server.requests` time for the request; *round trip* adds the loopback HTTP client.
          Load average (1/5/15 min) at the start: %s; at the end: %s.

          %s"""
              .formatted(
                  Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                  BenchmarkDoc.jvm(),
                  Runtime.getRuntime().availableProcessors(),
                  TENANTS * CONTACTS,
                  TENANTS,
                  CONTACTS,
                  viewSeconds,
                  REQUESTS,
                  WARM_UP,
                  loadAtStart,
                  BenchmarkDoc.loadAverage(),
                  table));
      var slowest =
          results.stream().mapToDouble(r -> r.serverMs()[r.serverMs().length - 1]).max().orElse(0);
      MassIncidentBenchmark.check(
          slowest < 1_000, "a board request took " + slowest + " ms of server time");
    }
  }

  record Probe(String name, String path) {}

  record Result(Probe probe, double[] serverMs, double[] roundTripMs, int bytes) {}

  /** Raises the incident (so the incident log knows it) and publishes its alert states. */
  static double publish(String incidentId, String base) throws Exception {
    var now = Instant.now();
    var started = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(
            SharedKafka.producerProps(), new StringSerializer(), new EventSerde().serializer())) {
      var incident =
          new IncidentRaised(
              UUID.randomUUID(),
              now,
              incidentId,
              IncidentKind.SECURITY_CONCERN,
              Severity.CRITICAL,
              "Coverage board benchmark",
              "Every tenant, every contact",
              null,
              new IncidentScope(true, List.of()));
      producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incidentId, incident));
      for (var i = 0; i < TENANTS * CONTACTS; i++) {
        var state = BoardAlertStates.state(incidentId, i, now);
        producer.send(new ProducerRecord<>(Topics.ALERT_STATE.name(), state.alertId(), state));
      }
      producer.flush();
    }
    var expected = "\"recipients\":" + (TENANTS * CONTACTS) + ",";
    MassIncidentBenchmark.await(
        "coverage view",
        Duration.ofMinutes(5),
        () ->
            get(base, "/api/incidents/" + incidentId + "/alerts?size=1").body().contains(expected));
    return (System.nanoTime() - started) / 1e9;
  }

  /** Times one request again and again; server time is the growth of Spring's request timer. */
  static Result measure(Probe probe, String base, MeterRegistry meters) throws Exception {
    for (var i = 0; i < WARM_UP; i++) {
      check(get(base, probe.path()));
    }
    var server = new double[REQUESTS];
    var roundTrip = new double[REQUESTS];
    var bytes = 0;
    for (var i = 0; i < REQUESTS; i++) {
      var count = requestCount(meters);
      var total = requestNanos(meters);
      var started = System.nanoTime();
      var response = check(get(base, probe.path()));
      roundTrip[i] = (System.nanoTime() - started) / 1e6;
      // the timer is recorded as the response completes: wait for it to count this request
      MassIncidentBenchmark.await(
          "request timed", Duration.ofSeconds(5), () -> requestCount(meters) > count);
      server[i] = (requestNanos(meters) - total) / 1e6;
      bytes = response.body().length();
    }
    Arrays.sort(server);
    Arrays.sort(roundTrip);
    System.out.printf(
        "%s: server p50 %.2f ms, max %.2f ms%n",
        probe.name(), percentile(server, 50), server[REQUESTS - 1]);
    return new Result(probe, server, roundTrip, bytes);
  }

  static long requestCount(MeterRegistry meters) {
    return meters.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
  }

  static double requestNanos(MeterRegistry meters) {
    return meters.find("http.server.requests").timers().stream()
        .mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS))
        .sum();
  }

  static String table(List<Result> results) {
    var rows =
        new StringBuilder(
            """
        | request | server p50 | server p99 | server max | round trip p50 | response |
        |---|---|---|---|---|---|
        """);
    for (var r : results) {
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %,.1f kB |%n",
              r.probe().name(),
              percentile(r.serverMs(), 50),
              percentile(r.serverMs(), 99),
              r.serverMs()[r.serverMs().length - 1],
              percentile(r.roundTripMs(), 50),
              r.bytes() / 1000.0));
    }
    return rows.toString();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int p) {
    var rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  static HttpResponse<String> get(String base, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }

  static HttpResponse<String> check(HttpResponse<String> response) {
    MassIncidentBenchmark.check(
        response.statusCode() == 200,
        "GET " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
    return response;
  }
}
