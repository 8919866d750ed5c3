package alerting.systemtests.bench;

import static org.awaitility.Awaitility.await;

import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.localinfra.LocalKafkaBroker;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The coverage board of a mass incident as a responder sees it: the whole local stack in this JVM
 * on an in-JVM KRaft broker, 60,000 alert states of one incident (20,000 tenants × 3 contacts) on
 * {@code alerts.state.v1}, and the console's board page in headless Chromium. Measures the board's
 * first page (Navigation Timing in the browser, beside the console's and the dispatcher's own
 * server timers), then how long an alert's acknowledgment takes from being published to showing on
 * the open board, which re-polls itself. Targets: first page under 1 s of server time; a change on
 * the open board within 2 s. Writes the "Coverage board in a browser" block of docs/benchmarks.md.
 *
 * <p>Run: {@code mvn -q -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@board-benchmark}
 */
public final class CoverageBoardInBrowserBenchmark {
  static final int TENANTS = Integer.getInteger("bench.tenants", 20_000);
  static final int WARM_UP = Integer.getInteger("bench.warmup", 5);
  static final int LOADS = Integer.getInteger("bench.loads", 20);
  static final int CHANGES = Integer.getInteger("bench.changes", 20);
  static final String COMMAND =
      "mvn -q -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@board-benchmark";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final BenchmarkDoc DOC =
      new BenchmarkDoc("board-in-browser", "Coverage board in a browser", COMMAND);

  public static void main(String[] args) {
    try {
      var met = run();
      System.exit(met ? 0 : 1);
    } catch (Throwable e) {
      // the broker's and the services' threads would keep the JVM (and Maven) waiting forever
      e.printStackTrace();
      System.exit(1);
    }
  }

  static boolean run() throws Exception {
    var loadAtStart = BenchmarkDoc.loadAverage();
    var dataDir = Files.createTempDirectory("board-benchmark");
    var started = System.nanoTime();
    // the broker first: it takes ports of its own, which must not be among those chosen below
    try (var kafka = LocalKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
      SharedKafka.createTopics(kafka.bootstrapServers(), Topics.ALL);
      var ports = LocalStack.Ports.free();
      try (var stack =
              LocalStack.start(
                  kafka.bootstrapServers(),
                  dataDir,
                  ports,
                  Map.of(
                      LocalStack.DEMO_TENANT,
                      LocalStack.DEMO_TENANT_MIGRATIONS,
                      "alerting.worker.streams.instance-id",
                      "board-benchmark-worker"));
          var incident = new BoardIncident(kafka.bootstrapServers(), TENANTS)) {
        var startSeconds = seconds(started);
        System.out.printf("broker and stack up after %.1f s%n", startSeconds);
        var viewSeconds = publish(stack, incident);
        System.out.printf(
            "%,d alert states in the dispatcher's view %.1f s after the first was sent%n",
            incident.alerts(), viewSeconds);
        var meters = new ServerTimers(stack);
        try (var rita = new HeadlessChromium()) {
          rita.signIn(ports.consoleUrl(), "rita");
          var board = ports.consoleUrl() + "/incidents/" + incident.incidentId;
          var cold = meters.time(() -> rita.load(board));
          checkBoard(rita, incident);
          var loads = loads(rita, board, meters);
          var changes = changes(rita, board, incident, meters);
          var table = table(cold, loads, changes);
          System.out.println(table);
          // the console streams the page as it renders it: its own timer, not the first byte, is
          // the server time
          var firstPageMax =
              loads.stream().mapToDouble(l -> Math.max(l.lastByte(), l.console())).max().orElse(0);
          var changeMax =
              changes.latencies().stream().mapToDouble(Double::doubleValue).max().orElse(0);
          var met = firstPageMax < 1_000 && changeMax < 2_000;
          DOC.write(report(incident, startSeconds, viewSeconds, loadAtStart, table, met));
          return met;
        }
      }
    } finally {
      delete(dataDir);
    }
  }

  /** Publishes the incident and waits until the dispatcher's API counts every recipient. */
  static double publish(LocalStack stack, BoardIncident incident) {
    var token = stack.identity().token("rita", "Rita", null, "RESPONDER");
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + stack.ports().dispatcher()
                        + "/api/incidents/"
                        + incident.incidentId))
            .header("Authorization", "Bearer " + token)
            .build();
    var expected = "\"recipients\":" + incident.alerts() + ",";
    var started = System.nanoTime();
    incident.publish();
    await("the dispatcher's view of " + incident.alerts() + " alerts")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () ->
                HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().contains(expected));
    return seconds(started);
  }

  /** The page shows this incident's totals, not an error page or the sign-in. */
  static void checkBoard(HeadlessChromium browser, BoardIncident incident) {
    var acknowledged = browser.textOf("total-acknowledged");
    var expected = String.valueOf(incident.alerts() * 4 / 10);
    if (!expected.equals(acknowledged)) {
      throw new IllegalStateException(
          "the board at "
              + browser.url()
              + " ("
              + browser.title()
              + ") shows "
              + acknowledged
              + " acknowledged instead of "
              + expected);
    }
  }

  static List<ServerTimers.Load> loads(
      HeadlessChromium browser, String board, ServerTimers meters) {
    for (var i = 0; i < WARM_UP; i++) {
      browser.load(board);
    }
    var loads = new ArrayList<ServerTimers.Load>();
    for (var i = 0; i < LOADS; i++) {
      loads.add(meters.time(() -> browser.load(board)));
    }
    return loads;
  }

  /** Acknowledgments on the open board, and what its polls cost the console meanwhile. */
  record Changes(List<Double> latencies, ServerTimers.Polls polls) {}

  static Changes changes(
      HeadlessChromium browser, String board, BoardIncident incident, ServerTimers meters)
      throws Exception {
    browser.load(board);
    var random = new Random(12);
    var latencies = new ArrayList<Double>();
    var before = meters.polls();
    for (var k = 0; k < CHANGES; k++) {
      // at a random moment of the board's one-second poll cycle, not always at the same one
      var moment = System.nanoTime() + random.nextInt(1_000) * 1_000_000L;
      await().pollInterval(Duration.ofMillis(5)).until(() -> System.nanoTime() >= moment);
      var alert = 10 * ((k * 1_237) % (incident.alerts() / 10)) + 4 + k % 4;
      var shown = acknowledged(browser);
      var published = System.nanoTime();
      incident.acknowledge(alert);
      var seen = new long[1];
      await("alert " + alert + " acknowledged on the board")
          .atMost(Duration.ofSeconds(10))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                seen[0] = System.nanoTime();
                return acknowledged(browser) > shown;
              });
      latencies.add((seen[0] - published) / 1e6);
    }
    return new Changes(latencies, meters.polls().since(before));
  }

  static long acknowledged(HeadlessChromium browser) {
    var text = browser.textOf("total-acknowledged");
    return text == null || text.isBlank() ? -1 : Long.parseLong(text.replaceAll("\\D", ""));
  }

  static String table(ServerTimers.Load cold, List<ServerTimers.Load> loads, Changes changes) {
    var rows =
        new StringBuilder(
            """
        | what | p50 | p95 | max | first load after start |
        |---|---|---|---|---|
        """);
    row(
        rows,
        "first page: request sent → first byte, in the browser",
        loads.stream().map(ServerTimers.Load::firstByte).toList(),
        cold.firstByte());
    row(
        rows,
        "first page: request sent → last byte, in the browser",
        loads.stream().map(ServerTimers.Load::lastByte).toList(),
        cold.lastByte());
    row(
        rows,
        "first page: the console's own request time (Spring timer; server time)",
        loads.stream().map(ServerTimers.Load::console).toList(),
        cold.console());
    row(
        rows,
        "first page: the dispatcher's two API calls for it (Spring timers)",
        loads.stream().map(ServerTimers.Load::dispatcher).toList(),
        cold.dispatcher());
    row(
        rows,
        "first page: whole load in the browser (navigation start → load event)",
        loads.stream().map(ServerTimers.Load::load).toList(),
        cold.load());
    row(
        rows,
        "acknowledgment published → shown on the open board",
        changes.latencies(),
        Double.NaN);
    rows.append(
        String.format(
            Locale.ROOT,
            "| open board's polls meanwhile: %d, console time each (mean) | %.1f ms | | | |%n",
            changes.polls().count(),
            changes.polls().meanMs()));
    return rows.toString();
  }

  private static void row(StringBuilder rows, String name, List<Double> values, double cold) {
    var sorted =
        values.stream()
            .sorted(Comparator.naturalOrder())
            .mapToDouble(Double::doubleValue)
            .toArray();
    rows.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f ms | %.1f ms | %.1f ms | %s |%n",
            name,
            percentile(sorted, 50),
            percentile(sorted, 95),
            sorted[sorted.length - 1],
            Double.isNaN(cold) ? "" : String.format(Locale.ROOT, "%.1f ms", cold)));
  }

  static String report(
      BoardIncident incident,
      double startSeconds,
      double viewSeconds,
      String loadAtStart,
      String table,
      boolean met) {
    return """
        ### Latest run: %s

        %s, %d cores; an in-JVM KRaft broker (one node) and the whole local stack (identity, contact
        service, ack receiver, escalation worker, dispatcher, console) in one JVM, up after %.1f s;
        headless Chromium (chromedriver) on the same machine.
        %,d alert states of one incident (%,d tenants × %d contacts: 40%% acknowledged, 30%% open and
        sent, 10%% open after a failed attempt, 10%% exhausted, 10%% queued) published to
        alerts.state.v1; the dispatcher's API counted all of them %.1f s after the first was sent.
        Signed in as rita (responder) at the identity provider, the board (`/incidents/{id}`) was
        loaded %d times after %d warm-up loads, each from a blank page; the first two rows are the
        browser's Navigation Timing (`responseStart` and `responseEnd` minus `requestStart`), the next
        two the console's and the dispatcher's `http.server.requests` timers for the same loads (the
        console streams the page while Thymeleaf renders it, so its first byte comes before the server
        is done: the target is checked against the console's timer and the last byte). Then, with the board open
        (it re-polls every second), %d open alerts were acknowledged one at a time by publishing their
        next state, each at a random moment of the poll cycle, and the DOM's `#total-acknowledged` was
        read every 20 ms until it went up.
        Load average (1/5/15 min) at the start: %s; at the end: %s.
        Targets (first page under 1 s of server time, a change on the board within 2 s): %s.

        %s"""
        .formatted(
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            BenchmarkDoc.jvm(),
            Runtime.getRuntime().availableProcessors(),
            startSeconds,
            incident.alerts(),
            incident.tenants,
            BoardIncident.CONTACTS,
            viewSeconds,
            LOADS,
            WARM_UP,
            CHANGES,
            loadAtStart,
            BenchmarkDoc.loadAverage(),
            met ? "met" : "**missed**",
            table);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int p) {
    var rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
