package alerting.contacts.verification;

import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceApplication;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.postgresql.PGConnection;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The platform's view of contact verification at the product's scale, on PostgreSQL: 20,000
 * tenants, each with an admin and three security contacts (Primary Security, Primary IT, CIO/CISO)
 * of an email and a text each, seeded with COPY into the tables the service's own Flyway migrations
 * made. Then, each after warm-up and {@code bench.runs} times: {@link TenantRisks#all()}, the gauge
 * refresh, {@code GET /internal/reachability} and the review nudges' first pass (every tenant at
 * risk that a drill has told about is asked) and second pass an hour later (nobody is due). Writes
 * the "Contact verification: platform view" section of docs/benchmarks.md.
 *
 * <p>Run: {@code mvn -q -f contact-service/pom.xml -Pbenchmark test-compile
 * exec:exec@platform-view-benchmark}
 */
public final class PlatformViewBenchmark {
  static final int TENANTS = Integer.getInteger("bench.tenants", 20_000);
  static final int RUNS = Integer.getInteger("bench.runs", 5);
  static final int WARM_UP = Integer.getInteger("bench.warmup", 1);
  static final String COMMAND =
      "mvn -q -f contact-service/pom.xml -Pbenchmark test-compile"
          + " exec:exec@platform-view-benchmark";
  static final BenchmarkDoc DOC =
      new BenchmarkDoc("platform-view", "Contact verification: platform view", COMMAND);
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
    var database = SharedPostgres.newDatabase("platform_view_bench");
    var identity = LocalIdentityProvider.start(0);
    var bootstrap = SharedKafka.bootstrapServers();
    try (var service =
        ContactServiceApplication.builder()
            .run(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--alerting.contacts.consumer-group-prefix=contact-service-" + database.name(),
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + identity.jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + identity.issuer(),
                "--server.port=0",
                "--management.server.port=0",
                "--alerting.contacts.verification.scheduled=false",
                "--alerting.contacts.verification.review-check-interval=365d",
                "--alerting.contacts.verification.risk-refresh-interval=365d",
                "--logging.level.root=WARN",
                "--logging.level.alerting=WARN")) {
      stopVerificationJobs(service);
      var loadAtStart = BenchmarkDoc.loadAverage();
      var seeded = Seed.into(database);
      System.out.printf(
          "seeded %,d rows for %,d tenants in %.1f s%n", seeded.rows(), TENANTS, seeded.seconds());

      var risks = service.getBean(TenantRisks.class);
      var all =
          repeat(
              "TenantRisks.all()",
              () -> check(risks.all().size() == TENANTS, "all() missed tenants"));
      var meters = service.getBean(MeterRegistry.class);
      var gauges =
          repeat(
              "gauge refresh (TenantRisks.refresh)",
              () -> {
                risks.refresh();
                var atRisk = meters.get("alerting.tenants.at.risk").gauge().value();
                check(atRisk == Seed.atRisk(), "gauge says " + atRisk + " tenants at risk");
              });
      var platform = platformView(service, identity, meters);
      var nudges = nudges(service);

      var table =
          """
          | what | median | min | max |
          |---|---|---|---|
          %s
          %s
          %s
          %s
          | `GET /internal/reachability` response | %,.0f kB | | |
          %s
          %s"""
              .formatted(
                  all.row("`TenantRisks.all()`: every tenant's verdict"),
                  gauges.row("gauge refresh (`TenantRisks.refresh()` → `ranked()`)"),
                  platform.server().row("`GET /internal/reachability`, server"),
                  platform.roundTrip().row("`GET /internal/reachability`, round trip"),
                  platform.bytes() / 1000.0,
                  nudges
                      .first()
                      .row(
                          "`ReviewNudges.run`, first pass (%,d tenants asked)"
                              .formatted(Seed.told())),
                  nudges.second().row("`ReviewNudges.run`, an hour later (none due)"));
      System.out.println(table);
      DOC.write(
          """
          ### Latest run: %s

          %s, %d cores; embedded PostgreSQL (SharedPostgres: fsync off), in-JVM KRaft broker (one
          node) and contact-service in one JVM, its schema made by its own Flyway migrations; it
          logs at WARN (the nudges' INFO line per tenant asked is not written).
          %,d tenants, each with a tenant admin and 3 security contacts (Primary Security, Primary
          IT, CIO/CISO) of an email and a text each; a drill 3 days ago found 60%% of tenants
          verified on both channels, 25%% with the Primary Security contact's email bounced
          (`bounced: SMTP 550 5.1.1 …`) and its text unanswered, and 15%% were never drilled:
          %,d tenants at risk, %,d of them told by a drill. Seeded with COPY (%,d rows) in %.1f s.
          Each figure %d times after %d warm-up; the first pass of the review nudges runs on a
          fresh state each time (review_nudge, the banners and the completed publications deleted
          before it). Load average (1/5/15 min) at the start: %s; at the end: %s.

          %s
          """
              .formatted(
                  Instant.now().truncatedTo(ChronoUnit.SECONDS),
                  BenchmarkDoc.jvm(),
                  Runtime.getRuntime().availableProcessors(),
                  TENANTS,
                  Seed.atRisk(),
                  Seed.told(),
                  seeded.rows(),
                  seeded.seconds(),
                  RUNS,
                  WARM_UP,
                  loadAtStart,
                  BenchmarkDoc.loadAverage(),
                  table));
    } finally {
      identity.close();
    }
  }

  /**
   * Its scheduled jobs would run on the data while it is measured: the risk refresh starts 20 s
   * after start-up whatever its interval, and the schedule and nudges are what is measured here.
   */
  static void stopVerificationJobs(ConfigurableApplicationContext service) {
    var stopped = 0;
    for (var holder : service.getBeansOfType(ScheduledTaskHolder.class).values()) {
      for (var task : holder.getScheduledTasks()) {
        // a scheduled method's task reads as its class and method name
        if (task.toString().startsWith(PlatformViewBenchmark.class.getPackageName() + ".")) {
          task.cancel(false);
          stopped++;
        }
      }
    }
    check(stopped == 3, stopped + " verification jobs stopped, not 3");
  }

  record Figures(double[] ms) {
    String row(String what) {
      var sorted = ms.clone();
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "| %s | %s | %s | %s |",
          what,
          format(sorted[sorted.length / 2]),
          format(sorted[0]),
          format(sorted[sorted.length - 1]));
    }

    static String format(double ms) {
      return ms >= 1_000
          ? String.format(Locale.ROOT, "%.2f s", ms / 1_000)
          : String.format(Locale.ROOT, "%.1f ms", ms);
    }
  }

  interface Step {
    void run() throws Exception;
  }

  static Figures repeat(String what, Step step) throws Exception {
    var ms = new double[RUNS];
    for (var i = -WARM_UP; i < RUNS; i++) {
      var started = System.nanoTime();
      step.run();
      if (i >= 0) {
        ms[i] = (System.nanoTime() - started) / 1e6;
      }
    }
    print(what, ms);
    return new Figures(ms);
  }

  static void print(String what, double[] ms) {
    var sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: median %s, min %s, max %s%n",
        what,
        Figures.format(sorted[sorted.length / 2]),
        Figures.format(sorted[0]),
        Figures.format(sorted[sorted.length - 1]));
  }

  record Platform(Figures server, Figures roundTrip, int bytes) {}

  /** Server time is the growth of Spring's request timer for the path, as the board's benchmark. */
  static Platform platformView(
      ConfigurableApplicationContext service, LocalIdentityProvider identity, MeterRegistry meters)
      throws Exception {
    var port = ((WebServerApplicationContext) service).getWebServer().getPort();
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/internal/reachability"))
            .header(
                "Authorization",
                "Bearer " + identity.token("platform", "Platform", null, "PLATFORM"))
            .build();
    var server = new double[RUNS];
    var roundTrip = new double[RUNS];
    var bytes = 0;
    for (var i = -WARM_UP; i < RUNS; i++) {
      var count = timed(meters, t -> t.count());
      var total = timed(meters, t -> t.totalTime(TimeUnit.NANOSECONDS));
      var started = System.nanoTime();
      var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      var elapsed = (System.nanoTime() - started) / 1e6;
      check(
          response.statusCode() == 200,
          "GET /internal/reachability answered " + response.statusCode());
      // the timer is recorded as the response completes: wait for it to count this request
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(1))
          .until(() -> timed(meters, t -> t.count()) > count);
      if (i >= 0) {
        roundTrip[i] = elapsed;
        server[i] = (timed(meters, t -> t.totalTime(TimeUnit.NANOSECONDS)) - total) / 1e6;
        bytes = response.body().length;
      }
      var body = new String(response.body(), StandardCharsets.UTF_8);
      check(
          body.startsWith("{\"tenants\":" + TENANTS + ",\"atRisk\":" + Seed.atRisk() + ","),
          "unexpected view: " + body.substring(0, Math.min(200, body.length())));
    }
    print("GET /internal/reachability, server", server);
    print("GET /internal/reachability, round trip", roundTrip);
    System.out.printf("GET /internal/reachability: %,d bytes%n", bytes);
    return new Platform(new Figures(server), new Figures(roundTrip), bytes);
  }

  static double timed(MeterRegistry meters, ToDoubleFunction<Timer> value) {
    return meters
        .find("http.server.requests")
        .tag("uri", "/internal/reachability")
        .timers()
        .stream()
        .mapToDouble(value)
        .sum();
  }

  record Nudges(Figures first, Figures second) {}

  /** Each run starts from no nudge at all: the first pass asks every tenant a drill told about. */
  static Nudges nudges(ConfigurableApplicationContext service) throws Exception {
    var nudges = service.getBean(ReviewNudges.class);
    var jdbc = service.getBean(JdbcClient.class);
    var first = new double[RUNS];
    var second = new double[RUNS];
    for (var i = -WARM_UP; i < RUNS; i++) {
      jdbc.sql("delete from review_nudge").update();
      jdbc.sql("delete from notice where notice_id like ?")
          .param(ReviewNudges.BANNER_SERIES + "%")
          .update();
      jdbc.sql("delete from event_publication where completion_date is not null").update();
      var now = Instant.now();
      var asked = time(() -> nudges.run(now));
      check(asked.value() == Seed.told(), asked.value() + " tenants asked, not " + Seed.told());
      var incomplete =
          jdbc.sql("select count(*) from event_publication where completion_date is null")
              .query(Long.class)
              .single();
      check(incomplete == 0, incomplete + " review requests not on the broker");
      var again = time(() -> nudges.run(now.plus(Duration.ofHours(1))));
      check(again.value() == 0, again.value() + " tenants asked again an hour later");
      System.out.printf(
          Locale.ROOT,
          "nudges%s: first pass %,d asked in %s, an hour later %,d in %s%n",
          i < 0 ? " (warm-up)" : "",
          asked.value(),
          Figures.format(asked.ms()),
          again.value(),
          Figures.format(again.ms()));
      if (i >= 0) {
        first[i] = asked.ms();
        second[i] = again.ms();
      }
    }
    return new Nudges(new Figures(first), new Figures(second));
  }

  record Timed<T>(T value, double ms) {}

  static <T> Timed<T> time(Callable<T> call) throws Exception {
    var started = System.nanoTime();
    var value = call.call();
    return new Timed<>(value, (System.nanoTime() - started) / 1e6);
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /**
   * The tenants, straight into the service's tables with COPY. Tenant {@code i}'s drill found: i %
   * 20 below 12, every method acknowledged; 12 to 16, the Primary Security contact's email bounced
   * and its text unanswered (at risk, told); 17 to 19, never drilled (at risk, awaiting a drill).
   */
  static final class Seed {
    static final String[][] CONTACTS = {
      {"sec", "Sam Security", "CISO office", "PRIMARY_SECURITY"},
      {"it", "Ian Operations", "Head of IT", "PRIMARY_IT"},
      {"ciso", "Cleo Chief", "CISO", "CIO_CISO"}
    };

    record Seeded(long rows, double seconds) {}

    static int kind(int tenant) {
      var slot = tenant % 20;
      return slot < 12 ? 0 : slot < 17 ? 1 : 2;
    }

    static long count(int kind) {
      var n = 0L;
      for (var i = 0; i < TENANTS; i++) {
        n += kind(i) == kind ? 1 : 0;
      }
      return n;
    }

    static long told() {
      return count(1);
    }

    static long atRisk() {
      return count(1) + count(2);
    }

    static String tenantId(int i) {
      return String.format("bench-t-%05d", i);
    }

    static Seeded into(SharedPostgres.Database database) throws Exception {
      var started = System.nanoTime();
      var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      var created = ts(now.minus(Duration.ofDays(400)));
      var requested = now.minus(Duration.ofDays(3));
      var tenants = new Rows();
      var people = new Rows();
      var contacts = new Rows();
      var roles = new Rows();
      var methods = new Rows();
      var drills = new Rows();
      var findings = new Rows();
      for (var i = 0; i < TENANTS; i++) {
        var tenant = tenantId(i);
        tenants.add(tenant, "Tenant " + i, 0, created);
        people.add(
            tenant,
            "admin",
            "Alex Admin " + i,
            "admin@" + tenant + ".example",
            true,
            true,
            created);
        var drill = "bench-d-" + i;
        if (kind(i) != 2) {
          drills.add(drill, tenant, "SCHEDULE", null, ts(requested), null);
        }
        for (var c = 0; c < CONTACTS.length; c++) {
          var contact = CONTACTS[c];
          var email = contact[0] + "@" + tenant + ".example";
          var phone = String.format("+1415%07d", (i * 3 + c) % 10_000_000);
          var since = ts(now.minus(Duration.ofDays(300)).plusSeconds(c));
          people.add(tenant, contact[0], contact[1] + " " + i, email, false, true, since);
          contacts.add(tenant, contact[0], contact[1] + " " + i, contact[2], since);
          roles.add(tenant, contact[0], contact[3]);
          methods.add(tenant, contact[0], 0, "EMAIL", email);
          methods.add(tenant, contact[0], 1, "SMS", phone);
          if (kind(i) == 2) {
            continue;
          }
          var delivered = requested.plusSeconds(5);
          var acked = requested.plusSeconds(60 + (i + c) % 600);
          var bounced = kind(i) == 1 && c == 0;
          if (bounced) {
            findings.add(
                tenant,
                contact[0],
                "EMAIL",
                email,
                drill,
                ts(requested),
                "FAILED",
                null,
                null,
                null,
                "bounced: SMTP 550 5.1.1 <" + email + ">: Recipient address rejected");
            findings.add(
                tenant,
                contact[0],
                "SMS",
                phone,
                drill,
                ts(requested),
                "UNANSWERED",
                ts(delivered),
                null,
                null,
                null);
          } else {
            for (var address : new String[][] {{"EMAIL", email}, {"SMS", phone}}) {
              findings.add(
                  tenant,
                  contact[0],
                  address[0],
                  address[1],
                  drill,
                  ts(requested),
                  "ACKNOWLEDGED",
                  ts(delivered),
                  ts(acked),
                  Duration.between(delivered, acked).toMillis(),
                  null);
            }
          }
        }
      }
      long rows;
      try (var connection =
          DriverManager.getConnection(database.url(), database.username(), database.password())) {
        rows =
            copy(connection, "tenant (tenant_id, name, version, created_at)", tenants)
                + copy(
                    connection,
                    "person (tenant_id, person_id, display_name, email, tenant_admin,"
                        + " user_account, created_at)",
                    people)
                + copy(
                    connection,
                    "security_contact (tenant_id, contact_id, display_name, title, created_at)",
                    contacts)
                + copy(connection, "contact_role (tenant_id, contact_id, role)", roles)
                + copy(
                    connection,
                    "contact_method (tenant_id, contact_id, position, channel, address)",
                    methods)
                + copy(
                    connection,
                    "verification_drill (drill_id, tenant_id, trigger_kind, requested_by,"
                        + " requested_at, slot_at)",
                    drills)
                + copy(
                    connection,
                    "method_reachability (tenant_id, contact_id, channel, address,"
                        + " last_drill_id, last_requested_at, last_outcome, last_delivered_at,"
                        + " last_acknowledged_at, time_to_ack_ms, failure_reason)",
                    findings);
        try (var statement = connection.createStatement()) {
          // what autovacuum would have done long before in production
          statement.execute("analyze");
        }
      }
      return new Seeded(rows, (System.nanoTime() - started) / 1e9);
    }

    /** As the service writes them: a JDBC timestamp in the JVM's time zone. */
    static String ts(Instant instant) {
      return Timestamp.from(instant).toString();
    }

    static long copy(Connection connection, String table, Rows rows) throws Exception {
      return connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy " + table + " from stdin with (format csv)",
              new StringReader(rows.csv.toString()));
    }
  }

  /** CSV for COPY: every value quoted, so only an unquoted empty field is null. */
  static final class Rows {
    final StringBuilder csv = new StringBuilder();

    void add(Object... values) {
      var fields = new ArrayList<String>(values.length);
      for (var value : values) {
        fields.add(value == null ? "" : '"' + String.valueOf(value).replace("\"", "\"\"") + '"');
      }
      csv.append(String.join(",", fields)).append('\n');
    }
  }

  private PlatformViewBenchmark() {}
}
