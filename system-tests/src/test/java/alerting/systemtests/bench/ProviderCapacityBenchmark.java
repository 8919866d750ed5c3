package alerting.systemtests.bench;

import static org.awaitility.Awaitility.await;

import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.LocalKafkaBroker;
import alerting.localinfra.PlacedCall;
import alerting.localinfra.ProviderCapacity;
import alerting.localinfra.ProviderCounts;
import alerting.localinfra.SentSms;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A mass incident at the providers' real capacity (issue #13), on the whole local stack: the SMTP
 * and Twilio stand-ins take as long as real providers (SMTP 40 ms a message, SMS 150 ms, call
 * set-up 300 ms) and answer 429 (or SMTP 451) past their rate, which is the rate the dispatcher is
 * configured with: production's (100 emails, 30 texts, 5 calls a second; {@code bench.rate-scale}
 * multiplies them). Its ack timeout and queue limit are divided by {@code bench.time-scale} (4), so
 * the run fits minutes and the email queue still drains for longer than an ack timeout, the regime
 * where counting deadlines from the request went wrong. On two cores the whole stack at four times
 * production's rates saturated the CPU (30,000 alerts took 26 s to open instead of 3), which
 * measured the machine, not the senders.
 *
 * <p>Phase 1, one CRITICAL incident to every tenant: a security contact reached by EMAIL then SMS
 * in every tenant, and in every fifth tenant an IT contact reached by SMS then VOICE. Contacts
 * acknowledge as their message is handed over — 80% of emails, 95% of first texts, every later
 * attempt — so the rest escalate. Reports, per channel, the sent rate ÷ configured capacity while
 * the first attempts drained, the time to give every contact a first attempt ÷ its floor,
 * escalations requested before the previous attempt was handed over, 429s, lost and duplicated
 * messages. Phase 2: 50,000 low-severity emails queued, then a CRITICAL incident for 20 tenants:
 * how long after its fan-out its first messages left.
 *
 * <p>Run (after {@code ./mvnw -q install -DskipTests}): {@code mvn -q -f system-tests/pom.xml
 * -Pbenchmark test-compile exec:exec@capacity-benchmark}
 */
public final class ProviderCapacityBenchmark {
  static final int TENANTS = Integer.getInteger("bench.tenants", 20_000);

  /**
   * Production's send rates times this: 1 on two cores, where 4 saturated the CPU (see the doc).
   */
  static final int RATE_SCALE = Integer.getInteger("bench.rate-scale", 1);

  /** Production's ack timeout and queue limit divided by this, so the run fits minutes. */
  static final int TIME_SCALE = Integer.getInteger("bench.time-scale", 4);

  /** Every this-many-th tenant also has an IT contact reached by SMS first, then voice. */
  static final int IT_EVERY = Integer.getInteger("bench.it-every", 5);

  static final int BACKLOG = Integer.getInteger("bench.backlog", 50_000);
  static final Map<Channel, Integer> PRODUCTION_RATE =
      Map.of(Channel.EMAIL, 100, Channel.SMS, 30, Channel.VOICE, 5);
  static final Map<Channel, Duration> LATENCY =
      Map.of(
          Channel.EMAIL,
          Duration.ofMillis(40),
          Channel.SMS,
          Duration.ofMillis(150),
          Channel.VOICE,
          Duration.ofMillis(300));
  static final Duration ACK_TIMEOUT = Duration.ofMinutes(5).dividedBy(TIME_SCALE);
  static final Duration QUEUE_LIMIT = Duration.ofMinutes(15).dividedBy(TIME_SCALE);
  static final String COMMAND =
      "mvn -q -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@capacity-benchmark";
  static final BenchmarkDoc DOC =
      new BenchmarkDoc("provider-capacity", "Mass incident at provider capacity", COMMAND);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) {
    try {
      System.exit(run() ? 0 : 1);
    } catch (Throwable e) {
      // the broker's and the services' threads would keep the JVM (and Maven) waiting forever
      e.printStackTrace();
      System.exit(1);
    }
  }

  static int rate(Channel channel) {
    return PRODUCTION_RATE.get(channel) * RATE_SCALE;
  }

  static boolean run() throws Exception {
    var loadAtStart = BenchmarkDoc.loadAverage();
    var dataDir = Files.createTempDirectory("capacity-benchmark");
    try (var kafka = LocalKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
      var bootstrap = kafka.bootstrapServers();
      SharedKafka.createTopics(bootstrap, Topics.ALL);
      var ports = LocalStack.Ports.free();
      var settings = new HashMap<String, String>();
      settings.put("alerting.worker.streams.instance-id", "capacity-benchmark-worker");
      settings.put(
          "alerting.dispatcher.senders.email-per-second", String.valueOf(rate(Channel.EMAIL)));
      settings.put("alerting.dispatcher.senders.sms-per-second", String.valueOf(rate(Channel.SMS)));
      settings.put(
          "alerting.dispatcher.senders.voice-per-second", String.valueOf(rate(Channel.VOICE)));
      // enough open SMTP connections to hide 40 ms at the email rate, twice over
      settings.put(
          "alerting.dispatcher.email.smtp-connections",
          String.valueOf(Math.max(8, rate(Channel.EMAIL) * 40 / 1000 * 2)));
      settings.put(
          "alerting.dispatcher.escalation.critical-ack-timeout", ACK_TIMEOUT.toMillis() + "ms");
      settings.put("alerting.dispatcher.escalation.queue-limit", QUEUE_LIMIT.toMillis() + "ms");
      seedTenants(bootstrap);
      try (var stack = LocalStack.start(bootstrap, dataDir, ports, settings);
          var contacts = new Contacts(bootstrap)) {
        stack
            .twilio()
            .messagesCapacity(new ProviderCapacity(LATENCY.get(Channel.SMS), rate(Channel.SMS)));
        stack
            .twilio()
            .callsCapacity(new ProviderCapacity(LATENCY.get(Channel.VOICE), rate(Channel.VOICE)));
        stack
            .mail()
            .capacity(new ProviderCapacity(LATENCY.get(Channel.EMAIL), rate(Channel.EMAIL)));
        var mailBefore = stack.mail().counts();
        var smsBefore = stack.twilio().messagesCounts();
        var callsBefore = stack.twilio().callsCounts();

        var phase1 = phaseOne(stack, contacts);
        var counts =
            Map.of(
                Channel.EMAIL,
                stack.mail().counts().since(mailBefore),
                Channel.SMS,
                stack.twilio().messagesCounts().since(smsBefore),
                Channel.VOICE,
                stack.twilio().callsCounts().since(callsBefore));
        var phase2 = phaseTwo(stack, contacts, bootstrap);
        var met = phase1.met() && phase2.met();
        var report = report(phase1, counts, phase2, loadAtStart, met);
        System.out.println(report);
        DOC.write(report);
        return met;
      }
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---------------------------------------------------------------------------------- phase 1

  record ChannelResult(
      Channel channel,
      int firstAttempts,
      long sentInWindow,
      double windowSeconds,
      double reachSeconds,
      int sent,
      int duplicates) {
    double rate() {
      return windowSeconds <= 0 ? 0 : sentInWindow / windowSeconds;
    }

    double rateRatio() {
      return rate() / ProviderCapacityBenchmark.rate(channel);
    }

    /** The floor: what the channel sent until its last first attempt, at full capacity. */
    double floorSeconds() {
      return (double) sentInWindow / ProviderCapacityBenchmark.rate(channel);
    }

    double reachRatio() {
      return floorSeconds() <= 0 ? 0 : reachSeconds / floorSeconds();
    }
  }

  record PhaseOne(
      int alerts,
      double fanOutSeconds,
      double totalSeconds,
      List<ChannelResult> channels,
      int escalations,
      int escalatedBeforeHandOver,
      int lost,
      int queueLimitEscalations,
      int acknowledged) {
    boolean met() {
      var saturated = channels.stream().filter(c -> c.firstAttempts() > 0).toList();
      return escalatedBeforeHandOver == 0
          && lost == 0
          && channels.stream().allMatch(c -> c.duplicates() == 0)
          && saturated.stream().allMatch(c -> c.rateRatio() >= 0.95 && c.reachRatio() <= 1.05);
    }
  }

  static PhaseOne phaseOne(LocalStack stack, Contacts contacts) throws Exception {
    var title = "Capacity incident " + UUID.randomUUID().toString().substring(0, 8);
    var raisedAt = Instant.now();
    var incidentId = raise(stack, title, "CRITICAL", null);
    contacts.follow(incidentId);
    var expected = TENANTS + (TENANTS + IT_EVERY - 1) / IT_EVERY;
    await("every alert of the incident opened")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> contacts.states(incidentId).size() >= expected);
    var fanOutSeconds =
        seconds(
            raisedAt,
            contacts.states(incidentId).values().stream()
                .map(s -> s.attempts().get(0).requestedAt())
                .max(Comparator.naturalOrder())
                .orElseThrow());
    System.out.printf(
        "%,d alerts opened, the last %.1f s after the incident%n", expected, fanOutSeconds);
    var progress = new java.util.concurrent.atomic.AtomicLong(-1);
    await("every alert of the incident acknowledged")
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              var states = contacts.states(incidentId).values();
              var done = states.stream().filter(s -> s.status().isTerminal()).count();
              if (progress.getAndSet(done) != done) {
                System.out.printf(
                    "%,d of %,d alerts ended after %.0f s%n",
                    done, expected, seconds(raisedAt, Instant.now()));
              }
              return done == expected;
            });
    // a hand-over read after the ack still adds its time to the ended alert's history
    await("the alerts' histories settled")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> contacts.quietFor().compareTo(Duration.ofSeconds(3)) > 0);
    var totalSeconds = seconds(raisedAt, Instant.now());
    var states = List.copyOf(contacts.states(incidentId).values());

    var mails = stack.mail().messages().stream().filter(m -> m.subject().contains(title)).toList();
    var texts = stack.twilio().messages().stream().filter(m -> m.body().contains(title)).toList();
    var calls = stack.twilio().calls();
    var received = new EnumMap<Channel, List<Instant>>(Channel.class);
    received.put(Channel.EMAIL, mails.stream().map(CaughtMail::receivedAt).sorted().toList());
    received.put(Channel.SMS, texts.stream().map(SentSms::receivedAt).sorted().toList());
    received.put(Channel.VOICE, calls.stream().map(PlacedCall::receivedAt).sorted().toList());
    var perDestination = new EnumMap<Channel, Map<String, Long>>(Channel.class);
    perDestination.put(Channel.EMAIL, count(mails, m -> m.to().get(0)));
    perDestination.put(Channel.SMS, count(texts, SentSms::to));
    perDestination.put(Channel.VOICE, count(calls, PlacedCall::to));

    var channels = new ArrayList<ChannelResult>();
    for (var channel : Channel.values()) {
      var firsts = states.stream().filter(s -> s.attempts().get(0).channel() == channel).toList();
      var firstDestinations =
          firsts.stream().map(s -> contacts.address(s, 1)).collect(Collectors.toSet());
      var times = received.get(channel);
      var lastFirst =
          times.isEmpty() || firsts.isEmpty()
              ? null
              : receivedAtOfLast(channel, firstDestinations, mails, texts, calls);
      var sentInWindow =
          lastFirst == null ? 0 : times.stream().filter(t -> !t.isAfter(lastFirst)).count();
      var window = lastFirst == null ? 0 : seconds(times.get(0), lastFirst);
      var reach = lastFirst == null ? 0 : seconds(raisedAt, lastFirst);
      var duplicates =
          (int) perDestination.get(channel).values().stream().filter(n -> n > 1).count();
      channels.add(
          new ChannelResult(
              channel, firsts.size(), sentInWindow, window, reach, times.size(), duplicates));
    }

    var escalations = 0;
    var beforeHandOver = 0;
    var queueLimited = 0;
    var lost = 0;
    for (var state : states) {
      var attempts = state.attempts();
      for (var i = 1; i < attempts.size(); i++) {
        escalations++;
        var previous = attempts.get(i - 1);
        var next = attempts.get(i);
        if (previous.sentAt() == null || previous.sentAt().isAfter(next.requestedAt())) {
          if (previous.reason() != null && previous.reason().startsWith("not handed")) {
            queueLimited++;
          } else if (previous.lastStatus() == null || !previous.lastStatus().isFailure()) {
            beforeHandOver++;
          }
        }
      }
      for (var attempt : attempts) {
        var seen =
            perDestination
                .get(attempt.channel())
                .getOrDefault(contacts.address(state, attempt.attempt()), 0L);
        if (attempt.sentAt() == null || seen == 0) {
          if (lost++ < 5) {
            System.out.printf(
                "not delivered? %s attempt %d %s to %s: sentAt %s, %d at the provider, status %s%n",
                state.alertId(),
                attempt.attempt(),
                attempt.channel(),
                contacts.address(state, attempt.attempt()),
                attempt.sentAt(),
                seen,
                state.status());
          }
        }
      }
    }
    var acknowledged =
        (int) states.stream().filter(s -> s.status() == AlertStatus.ACKNOWLEDGED).count();
    return new PhaseOne(
        states.size(),
        fanOutSeconds,
        totalSeconds,
        channels,
        escalations,
        beforeHandOver,
        lost,
        queueLimited,
        acknowledged);
  }

  /** When the last first attempt on a channel reached its provider. */
  static Instant receivedAtOfLast(
      Channel channel,
      Set<String> firstDestinations,
      List<CaughtMail> mails,
      List<SentSms> texts,
      List<PlacedCall> calls) {
    var stream =
        switch (channel) {
          case EMAIL ->
              mails.stream()
                  .filter(m -> firstDestinations.contains(m.to().get(0)))
                  .map(CaughtMail::receivedAt);
          case SMS ->
              texts.stream()
                  .filter(m -> firstDestinations.contains(m.to()))
                  .map(SentSms::receivedAt);
          case VOICE ->
              calls.stream()
                  .filter(c -> firstDestinations.contains(c.to()))
                  .map(PlacedCall::receivedAt);
        };
    return stream.max(Comparator.naturalOrder()).orElse(null);
  }

  static <T> Map<String, Long> count(Collection<T> items, Function<T, String> destination) {
    return items.stream().collect(Collectors.groupingBy(destination, Collectors.counting()));
  }

  // ---------------------------------------------------------------------------------- phase 2

  record PhaseTwo(
      int backlog,
      long backlogSentBefore,
      int alerts,
      double firstSendMaxSeconds,
      double firstSendMedianSeconds) {
    boolean met() {
      return firstSendMaxSeconds <= 2.0;
    }
  }

  static PhaseTwo phaseTwo(LocalStack stack, Contacts contacts, String bootstrap) throws Exception {
    var backlogTitle = "Low backlog " + UUID.randomUUID().toString().substring(0, 8);
    try (var producer =
        new KafkaProducer<>(
            producerProps(bootstrap), new StringSerializer(), new EventSerde().serializer())) {
      for (var i = 0; i < BACKLOG; i++) {
        var alertId = "backlog-" + i + "-" + backlogTitle.hashCode();
        var brief =
            new AlertBrief(
                "backlog-incident",
                "bench-" + (i % TENANTS),
                "Tenant",
                "sec",
                "Security",
                Severity.LOW,
                backlogTitle,
                "A low-severity notice",
                null,
                "LOW" + (i % 10));
        var delivery =
            DeliveryRequested.attempt(
                alertId,
                1,
                new ContactMethod(Channel.EMAIL, "backlog-" + i + "@backlog.bench"),
                brief,
                Instant.now());
        producer.send(
            new ProducerRecord<>(
                Channel.EMAIL.deliveryTopic(Severity.LOW).name(), alertId, delivery));
      }
      producer.flush();
    }
    var mailBefore = stack.mail().counts().accepted();
    await("the low backlog draining")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.mail().counts().accepted() - mailBefore >= 1_000);
    var before = stack.mail().counts().accepted() - mailBefore;
    var title = "Critical behind backlog " + UUID.randomUUID().toString().substring(0, 8);
    var tenants = new ArrayList<String>();
    for (var t = 0; t < 20; t++) {
      tenants.add("bench-" + (t * 97 % TENANTS));
    }
    var incidentId = raise(stack, title, "CRITICAL", tenants);
    contacts.follow(incidentId);
    var expected =
        tenants.stream()
            .mapToInt(id -> Integer.parseInt(id.substring(6)) % IT_EVERY == 0 ? 2 : 1)
            .sum();
    await("the critical incident's first messages")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                contacts.states(incidentId).values().stream()
                        .filter(s -> s.attempts().get(0).sentAt() != null)
                        .count()
                    >= expected);
    var delays = new ArrayList<Double>();
    var mails = stack.mail().messages().stream().filter(m -> m.subject().contains(title)).toList();
    var texts = stack.twilio().messages().stream().filter(m -> m.body().contains(title)).toList();
    for (var state : contacts.states(incidentId).values()) {
      var first = state.attempts().get(0);
      var to = contacts.address(state, 1);
      var leftAt =
          first.channel() == Channel.EMAIL
              ? mails.stream()
                  .filter(m -> m.to().get(0).equals(to))
                  .map(CaughtMail::receivedAt)
                  .min(Comparator.naturalOrder())
                  .orElseThrow()
              : texts.stream()
                  .filter(m -> m.to().equals(to))
                  .map(SentSms::receivedAt)
                  .min(Comparator.naturalOrder())
                  .orElseThrow();
      delays.add(seconds(first.requestedAt(), leftAt));
    }
    delays.sort(Comparator.naturalOrder());
    return new PhaseTwo(
        BACKLOG,
        before,
        delays.size(),
        delays.get(delays.size() - 1),
        delays.get(delays.size() / 2));
  }

  // ---------------------------------------------------------------------------------- report

  static String report(
      PhaseOne one,
      Map<Channel, ProviderCounts> counts,
      PhaseTwo two,
      String loadAtStart,
      boolean met) {
    var rows = new StringBuilder();
    for (var c : one.channels()) {
      var saturated = c.firstAttempts() > 0;
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d/s | %,d | %,d | %s | %s | %s | %,d | %,d | %d |%n",
              c.channel(),
              rate(c.channel()),
              c.firstAttempts(),
              c.sent(),
              saturated ? String.format(Locale.ROOT, "%.1f/s", c.rate()) : "–",
              saturated ? String.format(Locale.ROOT, "**%.3f**", c.rateRatio()) : "not saturated",
              saturated
                  ? String.format(
                      Locale.ROOT,
                      "%.1f s ÷ %.1f s = **%.3f**",
                      c.reachSeconds(),
                      c.floorSeconds(),
                      c.reachRatio())
                  : "–",
              counts.get(c.channel()).throttled(),
              counts.get(c.channel()).accepted(),
              c.duplicates()));
    }
    return """
        ### Latest run: %s

        %s, %d cores, in-JVM KRaft broker and the whole local stack in one JVM. Send rates:
        email %,d/s, SMS %,d/s, voice %,d/s (production's × %d); CRITICAL ack timeout %s s, queue
        limit %s s (production's ÷ %d), so the email queue still takes longer to drain than an ack
        timeout, as in a real mass incident. The stand-ins take SMTP 40 ms, SMS 150 ms, call set-up 300 ms, and refuse
        (429, SMTP 451) past the same rates. Load average (1/5/15 min) at the start: %s; at the
        end: %s.

        **Phase 1**: one CRITICAL incident to %,d tenants (a security contact by email, then SMS;
        every %d%s tenant also IT by SMS, then voice), %,d alerts (opened %.1f s after the POST); 80%% of emails and 95%% of first texts acknowledged when handed over, every later
        attempt too. All alerts ended after %.1f s, %,d acknowledged.

        | channel | capacity | first attempts | sent | sent rate while draining | ÷ capacity (goal ≥ 0.95) | every contact tried ÷ floor (goal ≤ 1.05) | refused by provider (429/451) | accepted by provider | duplicates |
        |---|---|---|---|---|---|---|---|---|---|
        %s
        Escalations: %,d; requested before the previous attempt was handed over: **%d** (goal 0);
        moved on at the queue limit: %d. Attempts requested but never handed over or never seen
        by the provider (lost): **%d** (goal 0). Duplicates: messages to one destination beyond
        its one per incident.

        **Phase 2**: %,d low-severity emails queued; %,d had left when a CRITICAL incident for 20
        tenants (%d alerts) was raised. Its first messages left **%.2f s** (max; median %.2f s)
        after its fan-out (goal ≤ 2 s).

        Goals %s.
        """
        .formatted(
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            BenchmarkDoc.jvm(),
            Runtime.getRuntime().availableProcessors(),
            rate(Channel.EMAIL),
            rate(Channel.SMS),
            rate(Channel.VOICE),
            RATE_SCALE,
            ACK_TIMEOUT.toSeconds(),
            QUEUE_LIMIT.toSeconds(),
            TIME_SCALE,
            loadAtStart,
            BenchmarkDoc.loadAverage(),
            TENANTS,
            IT_EVERY,
            ordinal(IT_EVERY),
            one.alerts(),
            one.fanOutSeconds(),
            one.totalSeconds(),
            one.acknowledged(),
            rows,
            one.escalations(),
            one.escalatedBeforeHandOver(),
            one.queueLimitEscalations(),
            one.lost(),
            two.backlog(),
            two.backlogSentBefore(),
            two.alerts(),
            two.firstSendMaxSeconds(),
            two.firstSendMedianSeconds(),
            met ? "met" : "**not met**");
  }

  // ---------------------------------------------------------------------------------- set-up

  /** Every tenant: a security contact by email then SMS; every fifth also IT by SMS then voice. */
  static void seedTenants(String bootstrap) {
    try (var producer =
        new KafkaProducer<>(
            producerProps(bootstrap), new StringSerializer(), new EventSerde().serializer())) {
      for (var t = 0; t < TENANTS; t++) {
        var id = "bench-" + t;
        var contacts = new ArrayList<Contact>();
        contacts.add(
            new Contact(
                "sec",
                "Security " + t,
                null,
                Set.of(ContactRole.PRIMARY_SECURITY),
                List.of(
                    new ContactMethod(Channel.EMAIL, "sec@" + id + ".bench"),
                    new ContactMethod(Channel.SMS, phone(1, t)))));
        if (t % IT_EVERY == 0) {
          contacts.add(
              new Contact(
                  "it",
                  "IT " + t,
                  null,
                  Set.of(ContactRole.PRIMARY_IT),
                  List.of(
                      new ContactMethod(Channel.SMS, phone(2, t)),
                      new ContactMethod(Channel.VOICE, phone(3, t)))));
        }
        var snapshot =
            new TenantContacts(
                UUID.randomUUID(), Instant.now(), id, "Tenant " + t, 1, contacts, List.of());
        producer.send(new ProducerRecord<>(Topics.CONTACTS_SNAPSHOTS.name(), id, snapshot));
      }
      producer.flush();
    }
  }

  static String phone(int kind, int tenant) {
    return String.format(Locale.ROOT, "+1%d55%07d", 2 + kind, tenant);
  }

  static String raise(LocalStack stack, String title, String severity, List<String> tenants)
      throws Exception {
    var token = stack.identity().token("rita", "Rita", null, "RESPONDER");
    var scope =
        tenants == null
            ? "\"allTenants\":true"
            : "\"tenantIds\":["
                + tenants.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
                + "]";
    var body =
        """
        {"kind":"SECURITY_CONCERN","severity":"%s","title":"%s","summary":"Rotate every key",%s}"""
            .formatted(severity, title, scope);
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + stack.ports().dispatcher() + "/api/incidents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "raising the incident: " + response.statusCode() + " " + response.body());
    }
    var matcher =
        java.util.regex.Pattern.compile("\"incidentId\"\\s*:\\s*\"([^\"]+)\"")
            .matcher(response.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no incident id in " + response.body());
    }
    return matcher.group(1);
  }

  static Map<String, Object> producerProps(String bootstrap) {
    return Map.of(
        org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG,
        5);
  }

  static String ordinal(int n) {
    return n % 10 == 1 && n != 11
        ? "st"
        : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th";
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /**
   * The contacts: reads every alert's state and every hand-over, and acknowledges as a person would
   * on receiving the message: 80% of first emails, 95% of first texts, every later attempt.
   */
  static final class Contacts implements AutoCloseable {
    private final Map<String, Map<String, AlertState>> byIncident = new ConcurrentHashMap<>();
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private final KafkaConsumer<String, Event> consumer;
    private final KafkaProducer<String, Event> producer;
    private final Thread reader;
    private volatile boolean running = true;

    Contacts(String bootstrap) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "capacity-contacts-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "latest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                  5_000),
              new StringDeserializer(),
              new EventSerde().deserializer());
      consumer.subscribe(List.of(Topics.ALERT_STATE.name(), Topics.DELIVERY_STATUS.name()));
      producer =
          new KafkaProducer<>(
              producerProps(bootstrap), new StringSerializer(), new EventSerde().serializer());
      await("the contacts' consumer assigned")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
              });
      reader = new Thread(this::read, "capacity-contacts");
      reader.start();
    }

    private volatile long lastStateNanos = System.nanoTime();

    /** How long since the last state of a followed incident was read. */
    Duration quietFor() {
      return Duration.ofNanos(System.nanoTime() - lastStateNanos);
    }

    void follow(String incidentId) {
      followed.add(incidentId);
      byIncident.computeIfAbsent(incidentId, id -> new ConcurrentHashMap<>());
    }

    Map<String, AlertState> states(String incidentId) {
      return byIncident.getOrDefault(incidentId, Map.of());
    }

    /** The destination of an alert's attempt: its contact's method for that attempt. */
    String address(AlertState state, int attempt) {
      var brief = state.brief();
      var t = Integer.parseInt(brief.tenantId().substring("bench-".length()));
      var security = brief.contactId().equals("sec");
      var methods =
          security
              ? List.of("sec@" + brief.tenantId() + ".bench", phone(1, t))
              : List.of(phone(2, t), phone(3, t));
      return methods.get((attempt - 1) % 2);
    }

    private void read() {
      while (running) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() instanceof AlertState state
              && state.brief() != null
              && followed.contains(state.brief().incidentId())) {
            byIncident
                .get(state.brief().incidentId())
                .merge(
                    state.alertId(),
                    state,
                    (old, now) -> now.occurredAt().isBefore(old.occurredAt()) ? old : now);
            lastStateNanos = System.nanoTime();
          } else if (record.value() instanceof DeliveryStatusReported report
              && report.status() == DeliveryStatus.SENT
              && acknowledges(report)) {
            var now = Instant.now();
            producer.send(
                new ProducerRecord<>(
                    Topics.ACKS.name(),
                    report.alertId(),
                    new AlertAcknowledged(
                        UUID.randomUUID(),
                        now,
                        report.alertId(),
                        report.attempt(),
                        report.channel(),
                        new AckEvidence("benchmark contact", "acknowledged on receipt", now))));
          }
        }
      }
    }

    private static boolean acknowledges(DeliveryStatusReported report) {
      if (report.alertId().startsWith("backlog-")) {
        return false;
      }
      var bucket = Math.floorMod(report.alertId().hashCode(), 100);
      if (report.attempt() > 1) {
        return true;
      }
      return report.channel() == Channel.EMAIL ? bucket >= 20 : bucket >= 5;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      reader.join(5_000);
      consumer.close();
      producer.close();
    }
  }
}
