package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.events.AlertIds;
import alerting.events.AlertStatus;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.IncidentKind;
import alerting.events.IncidentRaised;
import alerting.events.IncidentScope;
import alerting.events.Severity;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.local.LocalStack;
import alerting.localinfra.CaughtMail;
import alerting.localinfra.FreePorts;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.SentSms;
import alerting.localinfra.TwilioStandIn;
import alerting.systemtests.faults.InvariantChecker.Kill;
import alerting.systemtests.faults.InvariantChecker.Recipient;
import alerting.systemtests.faults.InvariantChecker.Result;
import alerting.testsupport.BenchmarkDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The fault harness (issue #16): the real services as separate processes (their exec jars, run with
 * {@code java -jar} and each module's {@code jvm.options}), two instances each of alert-dispatcher,
 * escalation-worker and ack-receiver, on a three-broker KRaft cluster ({@link Brokers}; {@code
 * fault.brokers=1} for one broker), with the SMTP and Twilio stand-ins and the webhooks' load
 * balancer ({@link WebhookBalancer}) in this JVM. Per scenario ({@link Scenario}), on fresh
 * brokers: one CRITICAL incident to every tenant ({@code fault.tenants}, 1,000: two contacts each,
 * email then SMS), contacts acknowledging by link and SMS reply throughout ({@link
 * RespondingContacts}), contact-service's two instances on PostgreSQL with tenant admins changing
 * their contacts throughout ({@link ContactServices}; in every scenario of the command, in {@code
 * kill-contact-service} always), one fault injected (a SIGKILL of a service or a broker, then the
 * process started again as an orchestrator would; or a provider outage), and afterwards {@link
 * InvariantChecker} reads the topics. Not a test: a command, whose table ({@link FaultReport}) goes
 * to docs/reliability.md; {@link #runScenarios} runs scenarios from code.
 *
 * <p>Run (after {@code ./mvnw -q install -DskipTests}, which builds the exec jars): {@code mvn -q
 * -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@fault-harness}; {@code
 * -Dfault.tenants=2500} for the issue's 5,000 alerts, {@code -Dfault.scenarios=baseline,...} for a
 * subset, {@code -Dfault.outage-seconds=20} for short provider outages.
 */
public final class FaultHarness {
  static final int EMAIL_PER_SECOND = 100;
  static final int SMS_PER_SECOND = 50;
  static final int CALLS_PER_SECOND = 20;
  static final String COMMAND =
      "mvn -q -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@fault-harness";
  static final BenchmarkDoc DOC = new BenchmarkDoc("fault-harness", "Fault harness", COMMAND);
  static final String DISPATCHER = "alert-dispatcher";
  static final String WORKER = "escalation-worker";
  static final String ACK_RECEIVER = "ack-receiver";

  /**
   * A run's settings: {@code tenants} (two alerts each), {@code brokers} (three: a KRaft cluster;
   * one: a single broker), the CRITICAL ack timeout, how long to wait for every alert to end, how
   * long a provider outage lasts ({@code fault.outage-seconds}, the issue's 2 minutes; the Twilio
   * outage's 429 bursts last half as long again) and how long a killed broker stays down.
   */
  record Settings(
      int tenants,
      int brokers,
      Duration ackTimeout,
      Duration maxWait,
      Duration outage,
      Duration brokerDown,
      Path root,
      Path work) {
    static Settings fromSystemProperties() {
      return new Settings(
          Integer.getInteger("fault.tenants", 1_000),
          Integer.getInteger("fault.brokers", 3),
          Duration.ofSeconds(Integer.getInteger("fault.ack-timeout-seconds", 20)),
          Duration.ofSeconds(Integer.getInteger("fault.max-wait-seconds", 480)),
          Duration.ofSeconds(Integer.getInteger("fault.outage-seconds", 120)),
          Duration.ofSeconds(Integer.getInteger("fault.broker-down-seconds", 30)),
          Path.of(System.getProperty("fault.root", "..")).toAbsolutePath(),
          Path.of(System.getProperty("fault.work-dir", "target/fault-harness")).toAbsolutePath());
    }

    /** The same run for another number of tenants, e.g. a short version's. */
    Settings withTenants(int count) {
      return new Settings(count, brokers, ackTimeout, maxWait, outage, brokerDown, root, work);
    }
  }

  /**
   * A recovery from a broker or provider fault, in the report's words, and whether it met its goal
   * (a broker's partitions working again within 15 s; sending within 10 s of a provider's return).
   */
  record Recovery(String text, boolean met) {}

  record Outcome(
      Scenario scenario,
      int brokers,
      Result result,
      double runSeconds,
      List<Kill> kills,
      List<Double> readySeconds,
      List<Recovery> recoveries,
      long refusedAcks,
      long abandonedAcks,
      String load,
      ContactInvariants.Result contacts) {
    boolean met() {
      return result.met()
          && recoveries.stream().allMatch(Recovery::met)
          && (contacts == null || contacts.met());
    }
  }

  static final Duration BROKER_GOAL = Duration.ofSeconds(15);

  public static void main(String[] args) {
    try {
      System.exit(run() ? 0 : 1);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static boolean run() throws Exception {
    var settings = Settings.fromSystemProperties();
    var scenarios = Scenario.parse(System.getProperty("fault.scenarios"));
    var loadAtStart = BenchmarkDoc.loadAverage();
    var outcomes =
        runScenarios(
            scenarios,
            settings,
            sofar -> {
              var report = FaultReport.report(sofar, settings, loadAtStart);
              System.out.println(report);
              try {
                DOC.write(report);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return outcomes.stream().allMatch(Outcome::met);
  }

  /**
   * Runs {@code scenarios} one after the other, each on fresh brokers and fresh services, and
   * returns their outcomes; {@code afterEach} sees the outcomes so far after each one (the command
   * writes its report there). Callable from a test with its own settings.
   */
  static List<Outcome> runScenarios(
      List<Scenario> scenarios,
      Settings settings,
      java.util.function.Consumer<List<Outcome>> afterEach)
      throws Exception {
    // a scenario that cannot run on these settings fails before any other has run
    scenarios.forEach(s -> s.brokers(settings));
    var outcomes = new ArrayList<Outcome>();
    for (var scenario : scenarios) {
      System.out.printf("%n=== scenario %s: %s%n", scenario.id, scenario.fault(settings));
      outcomes.add(new FaultHarness(scenario, settings).runScenario());
      afterEach.accept(List.copyOf(outcomes));
    }
    return outcomes;
  }

  // ---------------------------------------------------------------------------------- a scenario

  private final Scenario scenario;
  private final Settings settings;
  private final Path dir;
  private final Map<String, AlertStatus> live = new ConcurrentHashMap<>();
  private final List<ServiceInstance> instances = new ArrayList<>();
  private final List<Kill> kills = new ArrayList<>();
  private final List<Double> readySeconds = new ArrayList<>();
  private final List<BrokerKill> brokerKills = new ArrayList<>();
  private final List<Recovery> recoveries = new ArrayList<>();

  /** When the SMTP stand-in dropped its connections: a duplicate across it is examined apart. */
  private final List<Instant> smtpDropped = new ArrayList<>();

  private Brokers brokers;
  private MailCatcher mail;
  private TwilioStandIn twilio;
  private TopicWatch watch;

  /** contact-service's two instances and its churn, when the scenario runs them (else null). */
  private ContactServices contactService;

  /** A broker killed: which, when, whether it was the active controller, what it led. */
  private record BrokerKill(
      int node, Instant at, Instant goneAt, boolean controller, Set<TopicPartition> led) {}

  private FaultHarness(Scenario scenario, Settings settings) {
    this.scenario = scenario;
    this.settings = settings;
    this.dir = settings.work().resolve(scenario.id);
  }

  private Outcome runScenario() throws Exception {
    deleteRecursively(dir);
    Files.createDirectories(dir);
    WebhookBalancer balancer = null;
    try {
      brokers = Brokers.start(dir, settings.root(), scenario.brokers(settings));
      var bootstrap = brokers.bootstrap();
      System.out.println("brokers: " + brokers.describe() + " at " + bootstrap);
      brokers.createTopics();
      mail = MailCatcher.start(FreePorts.next());
      var ackPorts = List.of(FreePorts.next(), FreePorts.next());
      balancer = new WebhookBalancer(FreePorts.next(), ackPorts);
      twilio =
          TwilioStandIn.start(
              FreePorts.next(),
              LocalStack.TWILIO_ACCOUNT_SID,
              LocalStack.TWILIO_AUTH_TOKEN,
              balancer.url() + "/twilio/sms");
      var incidentId = "fault-" + scenario.id + "-" + UUID.randomUUID().toString().substring(0, 8);
      var recipients = seedTenants(bootstrap, incidentId, settings.tenants());
      if (ContactServices.runsIn(scenario)) {
        contactService = new ContactServices(scenario, settings.root(), dir);
      }
      startServices(bootstrap, ackPorts, balancer.url());
      var emailOfPhone =
          recipients.stream()
              // a shared phone is one person: they act on the first tenant's habit
              .collect(Collectors.toMap(Recipient::phone, Recipient::email, (a, b) -> a));
      try (var contacts = new RespondingContacts(mail, twilio, ackPorts, balancer, emailOfPhone);
          var watching = new TopicWatch(bootstrap, live)) {
        watch = watching;
        var raisedAt = Instant.now();
        raise(bootstrap, incidentId);
        if (contactService != null) {
          contactService.startChurn(() -> mail.counts().accepted() > 0);
        }
        inject(contacts, () -> mail.counts().accepted(), () -> twilio.messagesCounts().accepted());
        awaitEnd(recipients, raisedAt);
        var runSeconds = InvariantChecker.seconds(raisedAt, Instant.now());
        if (contactService != null) {
          contactService.stopChurn(kills);
        }
        // the last hand-overs' reports and the last acks settle: the check reads the topics once
        // nothing new has reached the providers for five seconds
        awaitQuiet(
            Duration.ofSeconds(5),
            () -> (long) mail.messages().size() + twilio.messages().size() + twilio.calls().size());
        var checkedAt = Instant.now();
        brokerRecoveries();
        var completedKills = List.copyOf(kills);
        var checker = new InvariantChecker(bootstrap);
        var result =
            checker.check(
                recipients,
                mail.messages(),
                twilio.messages(),
                twilio.calls(),
                completedKills,
                brokerKills.stream().map(BrokerKill::goneAt).toList(),
                List.copyOf(smtpDropped),
                checkedAt);
        checker.printExamples();
        var contactResult = contactService == null ? null : contactService.check(bootstrap);
        // an ack-receiver's recovery: the first ack answered once the killed process was gone, by
        // either instance (the service taking acks again; the restarted one's own first is logged)
        var recovery = new ArrayList<>(result.recoverySeconds());
        for (var i = 0; i < completedKills.size(); i++) {
          var kill = completedKills.get(i);
          if (kill.service().equals(ACK_RECEIVER)) {
            var first = contacts.firstAckAfter(kill.goneAt());
            var own = contacts.firstAckThrough(kill.instance(), kill.goneAt());
            System.out.printf(
                "%s-%d: first ack after the kill %s, through the restarted instance %s%n",
                ACK_RECEIVER, kill.instance(), first, own);
            recovery.set(i, first == null ? null : InvariantChecker.seconds(kill.at(), first));
          } else if (kill.service().equals(ContactServices.CONTACT_SERVICE)) {
            // the first change answered once the killed process was gone, by either instance:
            // the service taking changes again (its restarted instance's first is logged)
            var first = contactService.firstAcceptedBy(0, kill.goneAt());
            recovery.set(i, first == null ? null : InvariantChecker.seconds(kill.at(), first));
          }
        }
        return new Outcome(
            scenario,
            brokers.size(),
            result.withRecoverySeconds(recovery),
            runSeconds,
            completedKills,
            List.copyOf(readySeconds),
            List.copyOf(recoveries),
            contacts.refused.get(),
            contacts.gaveUp.get(),
            BenchmarkDoc.loadAverage(),
            contactResult);
      }
    } finally {
      for (var instance : instances) {
        instance.stop();
      }
      if (contactService != null) {
        contactService.close();
      }
      if (balancer != null) {
        balancer.close();
      }
      if (twilio != null) {
        twilio.close();
      }
      if (mail != null) {
        mail.close();
      }
      if (brokers != null) {
        brokers.close();
      }
      try (var data = Files.list(dir)) {
        for (var kafka :
            data.filter(p -> p.getFileName().toString().startsWith("kafka")).toList()) {
          deleteRecursively(kafka);
        }
      }
    }
  }

  private void startServices(String bootstrap, List<Integer> ackPorts, String publicAckUrl)
      throws Exception {
    var common = new LinkedHashMap<String, String>();
    // the only place the secrets shipped in this repository are accepted (see ShippedSecrets)
    common.put("alerting.local-defaults", "true");
    common.put("spring.kafka.bootstrap-servers", bootstrap);
    common.put("spring.main.banner-mode", "off");
    // no identity provider runs here: nothing calls the dispatcher's API, so no key is fetched
    var issuer = "http://localhost:" + FreePorts.next();
    common.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
    common.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer + "/oauth2/jwks");
    common.put("spring.security.oauth2.resourceserver.jwt.audiences", "alerting");
    for (var i = 1; i <= 2; i++) {
      var ack = new LinkedHashMap<>(common);
      // the load balancer's URL: Twilio signs the URL it posts to, each instance checks against it
      ack.put("alerting.ack.public-base-url", publicAckUrl);
      ack.put("alerting.ack.topics.replication-factor", "" + brokers.replicationFactor());
      ack.put("alerting.ack.twilio.auth-token", LocalStack.TWILIO_AUTH_TOKEN);
      ack.put("alerting.ack.links.keys.k1", LocalStack.ACK_LINK_KEY);
      // every simulated person clicks from 127.0.0.1: the per-client limits would refuse them
      ack.put("alerting.ack.limits.link-requests-per-client-per-minute", "1000000");
      ack.put("alerting.ack.limits.webhooks-per-client-per-minute", "1000000");
      instances.add(instance(ACK_RECEIVER, i, ackPorts.get(i - 1), "256m", ack));
    }
    for (var i = 1; i <= 2; i++) {
      var worker = new LinkedHashMap<>(common);
      worker.put(
          "alerting.worker.streams.state-dir", dir.resolve("worker-" + i + "-state").toString());
      worker.put("alerting.worker.streams.instance-id", WORKER + "-" + i);
      // its own retry and dead-letter topics, and Kafka Streams' changelogs, replicated as the rest
      worker.put("alerting.worker.topics.replication-factor", "" + brokers.replicationFactor());
      instances.add(instance(WORKER, i, FreePorts.next(), "256m", worker));
    }
    for (var i = 1; i <= 2; i++) {
      var dispatcher = new LinkedHashMap<>(common);
      dispatcher.put("spring.mail.host", "localhost");
      dispatcher.put("spring.mail.port", String.valueOf(mail.smtpPort()));
      dispatcher.put("alerting.dispatcher.links.ack-receiver-base-url", publicAckUrl);
      dispatcher.put(
          "alerting.dispatcher.topics.replication-factor", "" + brokers.replicationFactor());
      dispatcher.put("alerting.dispatcher.twilio.api-base-url", twilio.baseUrl());
      dispatcher.put("alerting.dispatcher.twilio.account-sid", LocalStack.TWILIO_ACCOUNT_SID);
      dispatcher.put("alerting.dispatcher.twilio.auth-token", LocalStack.TWILIO_AUTH_TOKEN);
      dispatcher.put("alerting.dispatcher.links.key-id", "k1");
      dispatcher.put("alerting.dispatcher.links.key", LocalStack.ACK_LINK_KEY);
      dispatcher.put("alerting.dispatcher.links.signing-key", LocalStack.SIGNING_LINK_KEY);
      dispatcher.put(
          "alerting.dispatcher.escalation.critical-ack-timeout",
          settings.ackTimeout().toSeconds() + "s");
      dispatcher.put("alerting.dispatcher.senders.email-per-second", "" + EMAIL_PER_SECOND);
      dispatcher.put("alerting.dispatcher.senders.sms-per-second", "" + SMS_PER_SECOND);
      dispatcher.put("alerting.dispatcher.senders.voice-per-second", "" + CALLS_PER_SECOND);
      // as compose runs it: an instance id of its own, the same after a restart, so its consumers
      // are static members (a restarted instance gets its partitions back without a rebalance)
      // and its transactional ids are its own (two instances sharing them would fence each other)
      dispatcher.put("alerting.dispatcher.kafka.instance-id", DISPATCHER + "-" + i);
      // how the harness tells the instances' partitions apart in the consumer groups
      dispatcher.put("spring.kafka.client-id", DISPATCHER + "-" + i);
      instances.add(instance(DISPATCHER, i, FreePorts.next(), "384m", dispatcher));
    }
    if (contactService != null) {
      instances.addAll(contactService.instances(bootstrap, brokers.replicationFactor()));
    }
    var started = Instant.now();
    for (var instance : instances) {
      instance.start();
    }
    for (var instance : instances) {
      instance.awaitHealthy(Duration.ofMinutes(4));
    }
    System.out.printf(
        "%d services UP after %.1f s%n",
        instances.size(), InvariantChecker.seconds(started, Instant.now()));
  }

  private ServiceInstance instance(
      String module, int index, int port, String heap, Map<String, String> options) {
    return new ServiceInstance(
        settings.root(),
        module,
        index,
        port,
        FreePorts.next(),
        heap,
        options,
        dir.resolve(module + "-" + index + ".log"));
  }

  private ServiceInstance find(String module, int index) {
    return instances.stream()
        .filter(i -> i.module.equals(module) && i.index == index)
        .findFirst()
        .orElseThrow();
  }

  // ---------------------------------------------------------------------------------- the fault

  interface Count {
    long get();
  }

  private void inject(RespondingContacts contacts, Count mails, Count texts) throws Exception {
    var alerts = settings.tenants() * 2;
    var bootstrap = brokers.bootstrap();
    switch (scenario) {
      case BASELINE -> {}
      case KILL_DISPATCHER -> {
        awaitCount(() -> mails.get() >= alerts / 10, "10% of first emails out");
        killAndRestart(find(DISPATCHER, 1), bootstrap, true);
      }
      case KILL_WORKER -> {
        awaitCount(() -> texts.get() >= alerts / 10, "10% of alerts escalated to SMS");
        killAndRestart(find(WORKER, 1), bootstrap, true);
      }
      case KILL_ACK_RECEIVER -> {
        awaitCount(() -> contacts.acks.size() >= alerts * 15 / 100, "15% of alerts acknowledged");
        killAndRestart(find(ACK_RECEIVER, 1), bootstrap, true);
      }
      case KILL_BOTH_DISPATCHERS -> {
        awaitCount(() -> mails.get() >= alerts / 10, "10% of first emails out");
        var first = find(DISPATCHER, 1);
        killAndRestart(first, bootstrap, false);
        // the scenario: the second dispatcher dies 2 s after the first, before either is back
        awaitFor(Duration.ofSeconds(2));
        killAndRestart(find(DISPATCHER, 2), bootstrap, false);
        awaitRestarted(first);
        awaitRestarted(find(DISPATCHER, 2));
      }
      case KILL_EACH_SERVICE -> {
        // the short version (one kill per service, in the order the incident reaches them); each
        // is started again at once, and the next kill does not wait for it to be up
        awaitCount(() -> mails.get() >= alerts / 10, "10% of first emails out");
        killAndRestart(find(DISPATCHER, 1), bootstrap, false);
        awaitCount(() -> texts.get() >= alerts / 10, "10% of alerts escalated to SMS");
        killAndRestart(find(WORKER, 1), bootstrap, false);
        awaitCount(() -> contacts.acks.size() >= alerts * 15 / 100, "15% of alerts acknowledged");
        killAndRestart(find(ACK_RECEIVER, 1), bootstrap, false);
        awaitRestarted(find(DISPATCHER, 1));
        awaitRestarted(find(WORKER, 1));
        awaitRestarted(find(ACK_RECEIVER, 1));
      }
      case KILL_CONTACT_SERVICE -> {
        awaitCount(
            () -> contactService.accepted() >= ContactServices.KILL_AFTER_CHANGES,
            ContactServices.KILL_AFTER_CHANGES + " contact changes answered");
        killAndRestart(find(ContactServices.CONTACT_SERVICE, 1), bootstrap, true);
      }
      case KILL_BROKER -> {
        awaitCount(() -> texts.get() >= alerts / 10, "10% of alerts escalated to SMS");
        killBroker(settings.brokerDown());
      }
      case RESTART_SINGLE_BROKER -> {
        awaitCount(() -> texts.get() >= alerts / 10, "10% of alerts escalated to SMS");
        killBroker(Duration.ZERO);
      }
      case SMTP_OUTAGE -> {
        awaitCount(() -> mails.get() >= alerts / 10, "10% of first emails out");
        var from = Instant.now();
        mail.refuseConnections();
        smtpDropped.add(Instant.now());
        System.out.printf("SMTP refusing connections from %s for %s%n", from, settings.outage());
        awaitFor(settings.outage());
        mail.resumeAccepting();
        var back = Instant.now();
        System.out.printf("SMTP accepting again at %s%n", back);
        recoveries.add(
            providerRecovery(
                "SMTP", back, () -> mail.messages().stream().map(CaughtMail::receivedAt)));
      }
      case TWILIO_OUTAGE -> {
        awaitCount(() -> texts.get() >= alerts / 20, "5% of alerts escalated to SMS");
        var from = Instant.now();
        var back = from.plus(settings.outage());
        twilio.failBetween(from, back, 500, 20500, -1);
        // then throttled in bursts: 2 s of 429 in every 6 s, for half the outage again
        var burstsEnd = back.plus(settings.outage().dividedBy(2));
        for (var t = back; t.isBefore(burstsEnd); t = t.plusSeconds(6)) {
          twilio.failBetween(t, t.plusSeconds(2), 429, 20429, 1);
        }
        System.out.printf(
            "Twilio answering 500 from %s until %s, then 429 bursts until %s%n",
            from, back, burstsEnd);
        awaitFor(Duration.between(Instant.now(), burstsEnd));
        recoveries.add(
            providerRecovery(
                "Twilio", back, () -> twilio.messages().stream().map(SentSms::receivedAt)));
      }
    }
  }

  /** Waits {@code duration} (the harness's wall clock; no sleeping in test sources). */
  private static void awaitFor(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    var until = Instant.now().plus(duration);
    await()
        .atMost(duration.plusSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !Instant.now().isBefore(until));
  }

  /**
   * The first hand-over to the provider once it was back, as it stood when the fault's phase ended;
   * the goal is sending again within the grace.
   */
  private static Recovery providerRecovery(
      String provider, Instant back, Supplier<Stream<Instant>> handOvers) {
    // sends pick up on their own schedule: look again for up to a minute after the return
    Instant first;
    try {
      first =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () ->
                      handOvers
                          .get()
                          .filter(at -> !at.isBefore(back))
                          .min(Instant::compareTo)
                          .orElse(null),
                  java.util.Objects::nonNull);
    } catch (ConditionTimeoutException e) {
      first = null;
    }
    if (first == null) {
      return new Recovery(provider + " back: nothing sent within 60 s of its return", false);
    }
    var seconds = InvariantChecker.seconds(back, first);
    return new Recovery(
        String.format(
            Locale.ROOT, "%s back: first send %.1f s after its return", provider, seconds),
        seconds <= InvariantChecker.GRACE.toSeconds());
  }

  /**
   * Kills the broker leading most partitions (on a tie, the active controller), starts it again
   * after {@code down} on its data directory, and waits for it to be back (and, on a cluster, for
   * every partition's replicas to be in sync again).
   */
  private void killBroker(Duration down) throws Exception {
    var led = brokers.leadership();
    var controller = brokers.activeController();
    var node =
        led.entrySet().stream()
            .max(
                Comparator.<Map.Entry<Integer, Set<TopicPartition>>>comparingInt(
                        e -> e.getValue().size())
                    .thenComparing(e -> e.getKey() == controller))
            .map(Map.Entry::getKey)
            .orElse(1);
    var at = brokers.kill(node);
    var gone = Instant.now();
    var kill = new BrokerKill(node, at, gone, node == controller, led.getOrDefault(node, Set.of()));
    brokerKills.add(kill);
    System.out.printf(
        "killed broker %d (%s, leading %d partitions) at %s, gone at %s%n",
        node,
        node == controller ? "the active controller" : "not the controller",
        kill.led().size(),
        at,
        gone);
    awaitFor(down);
    brokers.restart(node);
    var ready = brokers.awaitReady(node);
    System.out.printf(
        "broker %d back %.1f s after the kill%n", node, InvariantChecker.seconds(at, ready));
    var fullIsr = brokers.size() > 1 ? brokers.awaitFullIsr(Duration.ofMinutes(3)) : null;
    if (fullIsr != null) {
      System.out.printf(
          "every partition in sync %.1f s after the kill%n", InvariantChecker.seconds(at, fullIsr));
    }
    brokerBack.add(ready);
    brokerInSync.add(fullIsr);
  }

  private final List<Instant> brokerBack = new ArrayList<>();
  private final List<Instant> brokerInSync = new ArrayList<>();

  /**
   * Each broker kill's recovery: from the kill to the first record written after it and read again
   * on each alert-state and delivery-report partition the broker led (every one of them: the
   * slowest is the recovery).
   */
  private void brokerRecoveries() {
    for (var i = 0; i < brokerKills.size(); i++) {
      var kill = brokerKills.get(i);
      var partitions = TopicWatch.watched(kill.led());
      Double slowest = 0.0;
      var first = Double.MAX_VALUE;
      var idle = new ArrayList<String>();
      for (var tp : partitions) {
        var working = watch.firstWorkAfter(tp, kill.at());
        if (working == null) {
          idle.add(tp.toString());
          continue;
        }
        var seconds = InvariantChecker.seconds(kill.at(), working);
        slowest = Math.max(slowest, seconds);
        first = Math.min(first, seconds);
      }
      // the other watched partitions, for comparison: did only the broker's partitions stall?
      var others =
          TopicWatch.WATCHED.stream()
              .flatMap(
                  topic ->
                      java.util.stream.IntStream.range(0, Topics.ALERT_PARTITIONS)
                          .mapToObj(p -> new TopicPartition(topic, p)))
              .filter(tp -> !kill.led().contains(tp))
              .map(tp -> watch.firstWorkAfter(tp, kill.at()))
              .filter(java.util.Objects::nonNull)
              .min(Instant::compareTo)
              .map(
                  at ->
                      String.format(Locale.ROOT, "%.1f s", InvariantChecker.seconds(kill.at(), at)))
              .orElse("–");
      var back = brokerBack.get(i);
      var inSync = brokerInSync.get(i);
      var text =
          String.format(
                  Locale.ROOT,
                  "broker %d (%s, led %d partitions, %d of them watched): its partitions working again after %s (first %s; the others' first %s); back %.1f s%s",
                  kill.node(),
                  kill.controller() ? "the active controller" : "not the controller",
                  kill.led().size(),
                  partitions.size(),
                  partitions.size() == idle.size()
                      ? "–"
                      : String.format(Locale.ROOT, "%.1f s", slowest),
                  first == Double.MAX_VALUE ? "–" : String.format(Locale.ROOT, "%.1f s", first),
                  others,
                  back == null ? Double.NaN : InvariantChecker.seconds(kill.at(), back),
                  inSync == null
                      ? ""
                      : String.format(
                          Locale.ROOT,
                          ", all replicas in sync %.1f s",
                          InvariantChecker.seconds(kill.at(), inSync)))
              + (idle.isEmpty() ? "" : "; no work seen after the kill on " + idle);
      recoveries.add(
          new Recovery(
              text, !partitions.isEmpty() && idle.isEmpty() && slowest <= BROKER_GOAL.toSeconds()));
    }
  }

  /** Until neither stand-in has been handed anything new for {@code quiet}. */
  private static void awaitQuiet(Duration quiet, java.util.function.LongSupplier handedOver) {
    var last = new java.util.concurrent.atomic.AtomicLong(-1);
    var since = new java.util.concurrent.atomic.AtomicReference<>(Instant.now());
    await("the providers to go quiet")
        .atMost(quiet.multipliedBy(12))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              var handed = handedOver.getAsLong();
              if (handed != last.getAndSet(handed)) {
                since.set(Instant.now());
              }
              return !Instant.now().isBefore(since.get().plus(quiet));
            });
  }

  private void awaitCount(java.util.function.BooleanSupplier reached, String what) {
    await(what)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(50))
        .until(reached::getAsBoolean);
    System.out.println("reached: " + what);
  }

  private void killAndRestart(ServiceInstance instance, String bootstrap, boolean awaitUp)
      throws Exception {
    var owned = partitionsOf(instance, bootstrap);
    var at = instance.kill();
    var gone = Instant.now();
    System.out.printf(
        "killed %s (partitions %s) at %s, gone at %s%n", instance.name(), owned, at, gone);
    instance.start();
    kills.add(new Kill(instance.module, instance.index, at, gone, owned));
    if (awaitUp) {
      awaitRestarted(instance);
    }
  }

  private void awaitRestarted(ServiceInstance instance) throws InterruptedException {
    var kill =
        kills.stream()
            .filter(k -> k.service().equals(instance.module) && k.instance() == instance.index)
            .reduce((a, b) -> b)
            .orElseThrow();
    var up = instance.awaitHealthy(Duration.ofMinutes(3));
    var seconds = InvariantChecker.seconds(kill.at(), up);
    readySeconds.add(seconds);
    System.out.printf("%s UP again %.1f s after the kill%n", instance.name(), seconds);
  }

  /**
   * The alert-keyed partitions the instance's consumers own, from the broker's consumer groups: the
   * dispatcher's by its client id, the worker's by its static group instance id.
   */
  private static Set<Integer> partitionsOf(ServiceInstance instance, String bootstrap)
      throws Exception {
    var prefix = instance.module + "-" + instance.index;
    var owned = new HashSet<Integer>();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var groups =
          admin.listGroups().all().get().stream().map(g -> g.groupId()).collect(Collectors.toSet());
      var described = admin.describeConsumerGroups(groups).all().get();
      for (var group : described.values()) {
        for (var member : group.members()) {
          // "escalation-worker-1" must not match a streams client id such as
          // "escalation-worker-1f0c…-StreamThread-1-consumer" of the other instance
          var mine =
              member.clientId().equals(prefix)
                  || member.clientId().startsWith(prefix + "-")
                  || member
                      .groupInstanceId()
                      .map(id -> id.equals(prefix) || id.startsWith(prefix + "-"))
                      .orElse(false);
          if (mine) {
            for (var tp : member.assignment().topicPartitions()) {
              if (Topics.byName(tp.topic())
                  .map(t -> t.partitions() == Topics.ALERT_PARTITIONS)
                  .orElse(false)) {
                owned.add(tp.partition());
              }
            }
          }
        }
      }
    } catch (Exception e) {
      System.err.println("could not read the consumer groups: " + e);
    }
    return owned;
  }

  private void awaitEnd(List<Recipient> recipients, Instant raisedAt) {
    var left = Duration.between(Instant.now(), raisedAt.plus(settings.maxWait()));
    var lastPrint = new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);
    try {
      await("every alert to end")
          .atMost(left.isNegative() ? Duration.ZERO : left)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                var ended =
                    recipients.stream()
                        .filter(r -> live.getOrDefault(r.alertId(), AlertStatus.OPEN).isTerminal())
                        .count();
                if (Instant.now().isAfter(lastPrint.get().plusSeconds(10))) {
                  lastPrint.set(Instant.now());
                  System.out.printf(
                      "%,d of %,d alerts ended after %.0f s (load %s)%n",
                      ended,
                      recipients.size(),
                      InvariantChecker.seconds(raisedAt, Instant.now()),
                      BenchmarkDoc.loadAverage());
                }
                return ended == recipients.size();
              });
    } catch (ConditionTimeoutException e) {
      System.out.println("gave up waiting: not every alert ended within " + settings.maxWait());
    }
  }

  // ---------------------------------------------------------------------------------- set-up

  /**
   * Every tenant: a security and an IT contact, each by email then SMS; every fourth tenant's IT
   * contact by email then phone call instead (a keypress acknowledges it); every tenth tenant's
   * security contact shares the previous tenant's security contact's phone.
   */
  static List<Recipient> seedTenants(String bootstrap, String incidentId, int tenants) {
    var recipients = new ArrayList<Recipient>();
    try (var producer = producer(bootstrap)) {
      for (var t = 0; t < tenants; t++) {
        var tenant = "fault-" + t;
        var contacts = new ArrayList<Contact>();
        for (var kind = 1; kind <= 2; kind++) {
          var contactId = kind == 1 ? "sec" : "it";
          var email = contactId + "@" + tenant + ".fault";
          // every tenth tenant's security contact is a consultant who is also the previous
          // tenant's: one phone, two open alerts, whose reply codes must differ although the
          // two dispatchers may open them at the same moment
          var phoneOf = kind == 1 && t % 10 == 1 ? t - 1 : t;
          var phone = String.format(Locale.ROOT, "+1%d55%07d", 2 + kind, phoneOf);
          contacts.add(
              new Contact(
                  contactId,
                  contactId + " " + t,
                  null,
                  Set.of(kind == 1 ? ContactRole.PRIMARY_SECURITY : ContactRole.PRIMARY_IT),
                  List.of(
                      new ContactMethod(Channel.EMAIL, email),
                      new ContactMethod(
                          kind == 2 && t % 4 == 0 ? Channel.VOICE : Channel.SMS, phone))));
          recipients.add(
              new Recipient(AlertIds.forRecipient(incidentId, tenant, contactId), email, phone));
        }
        producer.send(
            new ProducerRecord<>(
                Topics.CONTACTS_SNAPSHOTS.name(),
                tenant,
                new TenantContacts(
                    UUID.randomUUID(),
                    Instant.now(),
                    tenant,
                    "Tenant " + t,
                    1,
                    contacts,
                    List.of())));
      }
      producer.flush();
    }
    return recipients;
  }

  /** As a responder's REST call would, but straight onto incidents.v1 (no identity here). */
  static void raise(String bootstrap, String incidentId) {
    try (var producer = producer(bootstrap)) {
      producer.send(
          new ProducerRecord<>(
              Topics.INCIDENTS.name(),
              incidentId,
              new IncidentRaised(
                  UUID.randomUUID(),
                  Instant.now(),
                  incidentId,
                  IncidentKind.SECURITY_CONCERN,
                  Severity.CRITICAL,
                  "Fault drill " + incidentId,
                  "Rotate every key",
                  null,
                  new IncidentScope(true, List.of()))));
      producer.flush();
    }
  }

  static KafkaProducer<String, Event> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new EventSerde().serializer());
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
