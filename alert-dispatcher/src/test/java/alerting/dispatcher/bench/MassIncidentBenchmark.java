package alerting.dispatcher.bench;

import alerting.dispatcher.DispatcherApplication;
import alerting.dispatcher.recipients.ContactDirectory;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.BenchmarkRuns;
import alerting.testsupport.RawProducerThroughput;
import alerting.testsupport.SharedKafka;
import com.twilio.http.TwilioRestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The mass incident: 20,000 tenants × 3 contacts = 60,000 alerts through a real broker, with
 * providers that answer at once (an in-memory SMTP sender and an in-process Twilio API). Reports
 * the time from producing the incident until every first attempt was handed to a provider, alerts
 * per second, and the raw producer throughput of the same broker in the same run. Runs {@code
 * -Dbench.runs} times (5 unless told), each in a JVM of its own with its own broker and dispatcher,
 * and writes the median, lowest and highest of each figure, with every run's figures and the load
 * average around it, to the "Mass incident fan-out" section of docs/benchmarks.md.
 *
 * <p>Run: {@code mvn -q -f alert-dispatcher/pom.xml -Pbenchmark test-compile exec:exec}
 */
public final class MassIncidentBenchmark {
  static final int TENANTS = Integer.getInteger("bench.tenants", 20_000);
  static final int CONTACTS = 3;

  /**
   * Incidents raised one after the other: the first meets a dispatcher that has just started (its
   * code not yet compiled), the later ones a warm one, as after earlier incidents.
   */
  static final int INCIDENTS = Integer.getInteger("bench.incidents", 2);

  static final String COMMAND =
      "mvn -q -f alert-dispatcher/pom.xml -Pbenchmark test-compile exec:exec";

  public static void main(String[] args) {
    try {
      if (BenchmarkRuns.inRun()) {
        BenchmarkRuns.hand(run());
      } else {
        var runs =
            BenchmarkRuns.repeat(
                MassIncidentBenchmark.class,
                List.of(args),
                Path.of("target", "mass-incident-benchmark"));
        System.out.println(summary(runs));
        write(runs);
        if (runs.stream().noneMatch(BenchmarkRuns.Run::ok)) {
          System.exit(1);
        }
      }
      System.exit(0);
    } catch (Throwable e) {
      // the in-JVM broker's threads would keep the JVM (and Maven) waiting forever
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** One run, in a JVM of its own: its figures, for the JVM that started it. */
  static Map<String, Object> run() throws Exception {
    var bootstrap = SharedKafka.bootstrapServers();
    SharedKafka.createTopics(Topics.ALL);
    var raw = RawProducerThroughput.measure(bootstrap, Math.max(200_000, TENANTS * CONTACTS * 4));
    seedContacts(bootstrap);

    var mail = new ZeroLatencyMailSender();
    var twilio = new ZeroLatencyTwilio();
    var twilioClient =
        new TwilioRestClient.Builder("AC22222222222222222222222222222222", "bench-token")
            .httpClient(twilio)
            .build();
    try (var dispatcher =
        DispatcherApplication.builder()
            .initializers(
                ctx -> {
                  ctx.getBeanFactory().registerSingleton("benchMailSender", mail);
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
                "--alerting.dispatcher.senders.email-per-second=0",
                "--alerting.dispatcher.senders.sms-per-second=0",
                "--alerting.dispatcher.senders.voice-per-second=0",
                "--logging.level.root=WARN",
                "--logging.level.alerting=WARN")) {
      var directory = dispatcher.getBean(ContactDirectory.class);
      await("contact view", Duration.ofMinutes(2), () -> directory.allTenants().size() >= TENANTS);
      check(dispatcher.getBean(JavaMailSender.class) == mail, "benchmark mail sender not in use");
      var listeners = dispatcher.getBean(KafkaListenerEndpointRegistry.class);
      // every consumer of every listener, not just one per listener: a consumer that joins its
      // group during the incident takes partitions over from the other mid-incident, as a
      // running dispatcher never would
      await(
          "listeners assigned",
          Duration.ofMinutes(1),
          () ->
              listeners.getListenerContainers().stream()
                  .flatMap(
                      c ->
                          c instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                              ? concurrent.getContainers().stream()
                              : java.util.stream.Stream.of(c))
                  .allMatch(
                      c ->
                          c.getAssignedPartitions() != null
                              && !c.getAssignedPartitions().isEmpty()));

      var meters = dispatcher.getBean(io.micrometer.core.instrument.MeterRegistry.class);
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      var loadAtStart = BenchmarkDoc.loadAverage();
      var results = new java.util.ArrayList<Result>();
      for (var round = 1; round <= INCIDENTS; round++) {
        System.out.printf(
            "incident %d of %d (%s)%n",
            round, INCIDENTS, round == 1 ? "dispatcher just started" : "warm");
        results.add(raiseAndMeasure(mail, twilio, meters, os, raw));
      }
      System.out.println(table(results));
      // how the work was cut: listener invocations (one transaction each) and records per call
      meters.find("spring.kafka.listener").timers().stream()
          .collect(
              java.util.stream.Collectors.groupingBy(
                  t -> t.getId().getTag("name").replaceAll("-\\d+$", ""),
                  java.util.TreeMap::new,
                  java.util.stream.Collectors.summingLong(t -> t.count())))
          .forEach((name, calls) -> System.out.printf("listener %s: %,d call(s)%n", name, calls));
      return figures(results, raw, loadAtStart, BenchmarkDoc.loadAverage());
    }
  }

  /**
   * One run's figures by name; the ratio is the first (cold) incident's against the raw producer.
   */
  static Map<String, Object> figures(
      List<Result> results, RawProducerThroughput raw, String loadAtIncident, String loadAtEnd) {
    var figures = new java.util.TreeMap<String, Object>();
    figures.put("jvm", BenchmarkDoc.jvm());
    figures.put("load.at.incident", loadAtIncident);
    figures.put("load.at.end", loadAtEnd);
    figures.put("raw.records.per.second", raw.perSecond());
    figures.put("raw.mb.per.second", raw.megabytesPerSecond());
    figures.put("raw.record.bytes", raw.recordBytes());
    for (var i = 0; i < results.size(); i++) {
      var r = results.get(i);
      var prefix = "incident." + (i + 1) + ".";
      figures.put(prefix + "alerts", r.alerts());
      figures.put(prefix + "seconds", r.seconds());
      figures.put(prefix + "cpu.seconds", r.cpuSeconds());
      figures.put(prefix + "alerts.per.second", r.alerts() / r.seconds());
      figures.put(prefix + "alerts.per.cpu.second", r.alerts() / r.cpuSeconds());
      figures.put(prefix + "emails", r.emails());
      figures.put(prefix + "texts", r.texts());
      figures.put(prefix + "calls", r.calls());
    }
    figures.put("ratio", results.get(0).alerts() / results.get(0).seconds() / raw.perSecond());
    return figures;
  }

  /**
   * Raises one incident for every tenant and waits until every one of its first attempts was handed
   * to a provider. Counts only this incident's hand-overs, so it can run again.
   */
  static Result raiseAndMeasure(
      ZeroLatencyMailSender mail,
      ZeroLatencyTwilio twilio,
      io.micrometer.core.instrument.MeterRegistry meters,
      com.sun.management.OperatingSystemMXBean os,
      RawProducerThroughput raw)
      throws Exception {
    var incident =
        new IncidentRaised(
            UUID.randomUUID(),
            Instant.now(),
            "inc-bench-" + UUID.randomUUID(),
            IncidentKind.SECURITY_CONCERN,
            Severity.CRITICAL,
            "Mass incident benchmark",
            "Every tenant, every contact",
            "https://status.example/bench",
            new IncidentScope(true, List.of()));
    var expected = (long) TENANTS * CONTACTS;
    var emails0 = mail.accepted.get();
    var texts0 = twilio.texts.get();
    var calls0 = twilio.calls.get();
    var opened0 = meters.counter("alerting.alerts.opened").count();
    var cpuStarted = os.getProcessCpuTime();
    var started = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(
            SharedKafka.producerProps(), new StringSerializer(), new EventSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incident.key(), incident)).get();
    }
    var lastReport = new long[] {System.nanoTime()};
    await(
        "first attempts",
        Duration.ofMinutes(10),
        () -> {
          if (System.nanoTime() - lastReport[0] > 1_000_000_000L) {
            lastReport[0] = System.nanoTime();
            System.out.printf(
                "%5.1f s: %,.0f opened, %,d emails, %,d texts, %,d calls%n",
                (lastReport[0] - started) / 1e9,
                meters.counter("alerting.alerts.opened").count() - opened0,
                mail.accepted.get() - emails0,
                twilio.texts.get() - texts0,
                twilio.calls.get() - calls0);
          }
          return mail.accepted.get()
                  - emails0
                  + twilio.texts.get()
                  - texts0
                  + twilio.calls.get()
                  - calls0
              >= expected;
        });
    var seconds = (System.nanoTime() - started) / 1e9;
    var cpuSeconds = (os.getProcessCpuTime() - cpuStarted) / 1e9;
    var result =
        new Result(
            expected,
            seconds,
            cpuSeconds,
            mail.accepted.get() - emails0,
            twilio.texts.get() - texts0,
            twilio.calls.get() - calls0,
            raw);
    System.out.printf(
        "%.1f s, %,.0f alerts/s, %,.0f alerts per CPU-second%n",
        seconds, expected / seconds, expected / cpuSeconds);
    return result;
  }

  record Result(
      long alerts,
      double seconds,
      double cpuSeconds,
      long emails,
      long texts,
      long calls,
      RawProducerThroughput raw) {
    String table() {
      var alertsPerSecond = alerts / seconds;
      // each alert writes AlertOpened, DeliveryRequested, AckTimeoutScheduled, then a status
      var records = alerts * 4;
      return String.format(
          Locale.ROOT,
          """
          | what | value |
          |---|---|
          | alerts (tenants × contacts) | %,d (%,d × %d) |
          | first attempts handed to providers | %,d emails, %,d texts, %,d calls |
          | time until every first attempt was handed to a provider | %.1f s |
          | alerts per second | %,.0f |
          | dispatcher records written per second (≈ 4 per alert, transactional) | %,.0f |
          | raw Kafka producer, same broker, same run (%d-byte records, acks=all, idempotent) | %,.0f records/s (%.1f MB/s) |
          | alerts/s ÷ raw producer records/s | %.3f |
          | CPU time of this JVM (broker, dispatcher, stand-ins) over the same time | %.1f s of %.1f s on %d cores |
          | alerts per CPU-second (less sensitive to other load on the machine) | %,.0f |
          """,
          alerts,
          TENANTS,
          CONTACTS,
          emails,
          texts,
          calls,
          seconds,
          alertsPerSecond,
          records / seconds,
          raw.recordBytes(),
          raw.perSecond(),
          raw.megabytesPerSecond(),
          alertsPerSecond / raw.perSecond(),
          cpuSeconds,
          seconds * Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors(),
          alerts / cpuSeconds);
    }
  }

  /** The first (cold) incident in full, then a row for each warm one after it. */
  static String table(List<Result> results) {
    var rows = new StringBuilder(results.get(0).table());
    for (var i = 1; i < results.size(); i++) {
      var r = results.get(i);
      rows.append(
          String.format(
              Locale.ROOT,
              "| incident %d, same size, right after (dispatcher warm) | %.1f s, %,.0f alerts/s, %,.0f alerts per CPU-second |%n",
              i + 1,
              r.seconds(),
              r.alerts() / r.seconds(),
              r.alerts() / r.cpuSeconds()));
    }
    return rows.toString();
  }

  /**
   * 20,000 tenants, each with a security contact reached by email, an IT contact by SMS, a CISO by
   * phone.
   */
  static void seedContacts(String bootstrap) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            SharedKafka.producerProps(), new StringSerializer(), new EventSerde().serializer())) {
      for (var t = 0; t < TENANTS; t++) {
        var id = "bench-" + t;
        var phone = String.format(Locale.ROOT, "+1555%07d", t);
        var contacts =
            List.of(
                new Contact(
                    "sec",
                    "Security " + t,
                    null,
                    Set.of(ContactRole.PRIMARY_SECURITY),
                    List.of(new ContactMethod(Channel.EMAIL, "sec@" + id + ".example"))),
                new Contact(
                    "it",
                    "IT " + t,
                    null,
                    Set.of(ContactRole.PRIMARY_IT),
                    List.of(new ContactMethod(Channel.SMS, phone))),
                new Contact(
                    "ciso",
                    "CISO " + t,
                    null,
                    Set.of(ContactRole.CIO_CISO),
                    List.of(
                        new ContactMethod(Channel.VOICE, phone),
                        new ContactMethod(Channel.EMAIL, "ciso@" + id + ".example"))));
        var snapshot =
            new TenantContacts(
                UUID.randomUUID(), Instant.now(), id, "Tenant " + t, 1, contacts, List.of());
        producer.send(new ProducerRecord<>(Topics.CONTACTS_SNAPSHOTS.name(), id, snapshot));
      }
      producer.flush();
    }
  }

  static final BenchmarkDoc DOC =
      new BenchmarkDoc("mass-incident", "Mass incident fan-out", COMMAND);

  /** Median, lowest and highest of each figure over the runs, then every run's own. */
  static String summary(List<BenchmarkRuns.Run> runs) {
    var ok = runs.stream().filter(BenchmarkRuns.Run::ok).toList();
    var out = new StringBuilder();
    out.append(
        """
        | figure (incident 1: the dispatcher has just started) | median | min | max |
        |---|---|---|---|
        """);
    row(
        out,
        runs,
        "time until every first attempt was handed to a provider, s",
        "incident.1.seconds",
        v -> decimals(1, v));
    row(out, runs, "alerts per second", "incident.1.alerts.per.second", BenchmarkRuns::whole);
    row(
        out,
        runs,
        "raw Kafka producer, same broker, same run ("
            + RawProducerThroughput.RECORD_BYTES
            + "-byte records, acks=all, idempotent), records/s",
        "raw.records.per.second",
        BenchmarkRuns::whole);
    row(
        out,
        runs,
        "**alerts/s ÷ raw producer records/s** (each run's own)",
        "ratio",
        v -> decimals(3, v));
    row(
        out,
        runs,
        "alerts per CPU-second (less sensitive to other load on the machine)",
        "incident.1.alerts.per.cpu.second",
        BenchmarkRuns::whole);
    for (var i = 2; i <= INCIDENTS; i++) {
      row(
          out,
          runs,
          "incident " + i + ", same size, right after (dispatcher warm): alerts per second",
          "incident." + i + ".alerts.per.second",
          BenchmarkRuns::whole);
    }
    out.append(
        """

        | run | started (UTC) | load average (1/5/15 min) at start → end | incident 1 | alerts/s | raw producer records/s | ratio | alerts per CPU-s | warm incidents, alerts/s |
        |---|---|---|---|---|---|---|---|---|
        """);
    for (var run : runs) {
      if (!run.ok()) {
        out.append(
            "| %d | %s | %s → %s | failed (exit code %d), left out | | | | | |%n"
                .formatted(
                    run.number(),
                    run.startedAt(),
                    run.loadAtStart(),
                    run.loadAtEnd(),
                    run.exitCode()));
        continue;
      }
      var warm = new java.util.ArrayList<String>();
      for (var i = 2; i <= INCIDENTS; i++) {
        warm.add(BenchmarkRuns.whole(run.value("incident." + i + ".alerts.per.second")));
      }
      out.append(
          "| %d | %s | %s → %s | %s s | %s | %s | %s | %s | %s |%n"
              .formatted(
                  run.number(),
                  run.startedAt(),
                  run.loadAtStart(),
                  run.loadAtEnd(),
                  decimals(1, run.value("incident.1.seconds")),
                  BenchmarkRuns.whole(run.value("incident.1.alerts.per.second")),
                  BenchmarkRuns.whole(run.value("raw.records.per.second")),
                  decimals(3, run.value("ratio")),
                  BenchmarkRuns.whole(run.value("incident.1.alerts.per.cpu.second")),
                  String.join(" · ", warm)));
    }
    if (!ok.isEmpty()) {
      var first = ok.get(0);
      out.append(
          "%nEvery run: %,d alerts (%,d tenants × %d contacts); first attempts handed to providers"
                  .formatted((long) TENANTS * CONTACTS, TENANTS, CONTACTS)
              + " %,.0f emails, %,.0f texts, %,.0f calls; the dispatcher writes ≈ 4 records per alert (transactional).%n"
                  .formatted(
                      first.value("incident.1.emails"),
                      first.value("incident.1.texts"),
                      first.value("incident.1.calls")));
    }
    return out.toString();
  }

  private static void row(
      StringBuilder out,
      List<BenchmarkRuns.Run> runs,
      String label,
      String figure,
      java.util.function.DoubleFunction<String> format) {
    out.append("| ")
        .append(label)
        .append(" | ")
        .append(BenchmarkRuns.spread(runs, figure).cells(format))
        .append(" |\n");
  }

  private static String decimals(int places, double value) {
    return BenchmarkRuns.decimals(places, value);
  }

  /** Rewrites the latest-run block of the "Mass incident fan-out" section. */
  static void write(List<BenchmarkRuns.Run> runs) throws IOException {
    var ok = runs.stream().filter(BenchmarkRuns.Run::ok).toList();
    DOC.write(
        """
        ### Latest run: %s, %d run(s)

        %s, %d cores, in-JVM KRaft broker (one node) and the dispatcher in one JVM, a fresh JVM
        (broker, dispatcher, JIT) for every run; each run raises %d incident(s) of the same size one
        after the other. Providers answer at once: an in-memory SMTP sender and an in-process Twilio
        API; every send-rate limit is off. This measures the fan-out, not the providers' capacity
        (see "Mass incident at provider capacity").
        Each figure is the median of the %d run(s) that completed, with the lowest and the highest.
        Load average (1/5/15 min) at the start of the first run: %s; at the end of the last: %s
        (each run's below). Other processes on the machine slow a run down: compare the ratios and
        the alerts per CPU-second.

        %s"""
            .formatted(
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                runs.size(),
                ok.isEmpty() ? BenchmarkDoc.jvm() : ok.get(0).text("jvm"),
                Runtime.getRuntime().availableProcessors(),
                INCIDENTS,
                ok.size(),
                runs.get(0).loadAtStart(),
                runs.get(runs.size() - 1).loadAtEnd(),
                summary(runs)));
  }

  static void await(String what, Duration timeout, java.util.function.BooleanSupplier done) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      check(System.nanoTime() < deadline, what + " not done within " + timeout);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
