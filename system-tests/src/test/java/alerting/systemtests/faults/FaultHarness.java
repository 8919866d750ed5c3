package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.events.AlertIds;
import alerting.events.AlertState;
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
import alerting.localinfra.FreePorts;
import alerting.localinfra.LocalKafkaBroker;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.systemtests.faults.InvariantChecker.Kill;
import alerting.systemtests.faults.InvariantChecker.Recipient;
import alerting.systemtests.faults.InvariantChecker.Result;
import alerting.testsupport.BenchmarkDoc;
import alerting.testsupport.ChildJvm;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The fault harness (issue #16, first version): the real services as separate processes ({@code
 * java @jvm.options -jar <module>-exec.jar}), two instances each of alert-dispatcher,
 * escalation-worker and ack-receiver, on one broker in a JVM of its own, with the SMTP and Twilio
 * stand-ins in this JVM. Per scenario, on a fresh broker: one CRITICAL incident to every tenant
 * ({@code fault.tenants}, 1,000: two contacts each, email then SMS), contacts acknowledging by link
 * and SMS reply throughout ({@link RespondingContacts}), one fault injected (SIGKILL, then the
 * instance started again as an orchestrator would), and afterwards {@link InvariantChecker} reads
 * the topics. Not a test: a command, whose table goes to docs/reliability.md.
 *
 * <p>Run (after {@code ./mvnw -q install -DskipTests}, which builds the exec jars): {@code mvn -q
 * -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@fault-harness}; {@code
 * -Dfault.tenants=2500} for the issue's 5,000 alerts, {@code -Dfault.scenarios=baseline,...} for a
 * subset.
 */
public final class FaultHarness {
  static final int TENANTS = Integer.getInteger("fault.tenants", 1_000);
  static final Duration ACK_TIMEOUT =
      Duration.ofSeconds(Integer.getInteger("fault.ack-timeout-seconds", 20));
  static final Duration MAX_WAIT =
      Duration.ofSeconds(Integer.getInteger("fault.max-wait-seconds", 480));
  static final int EMAIL_PER_SECOND = 100;
  static final int SMS_PER_SECOND = 50;
  static final Path ROOT = Path.of(System.getProperty("fault.root", "..")).toAbsolutePath();
  static final Path WORK =
      Path.of(System.getProperty("fault.work-dir", "target/fault-harness")).toAbsolutePath();
  static final String COMMAND =
      "mvn -q -f system-tests/pom.xml -Pbenchmark test-compile exec:exec@fault-harness";
  static final BenchmarkDoc DOC = new BenchmarkDoc("fault-harness", "Fault harness", COMMAND);
  static final String DISPATCHER = "alert-dispatcher";
  static final String WORKER = "escalation-worker";
  static final String ACK_RECEIVER = "ack-receiver";

  /** A scenario: its name, what it does, and the fault it injects into a running incident. */
  enum Scenario {
    BASELINE("baseline", "none"),
    KILL_DISPATCHER(
        "kill-dispatcher",
        "kill -9 of alert-dispatcher 1 once 10% of first emails are out (fan-out and sending), restart"),
    KILL_WORKER(
        "kill-worker",
        "kill -9 of escalation-worker 1 once 10% of alerts have escalated to SMS, restart"),
    KILL_ACK_RECEIVER(
        "kill-ack-receiver",
        "kill -9 of ack-receiver 1 (the SMS webhook's and half the links' instance) once 15% of alerts are acknowledged, restart"),
    KILL_BOTH_DISPATCHERS(
        "kill-both-dispatchers",
        "kill -9 of alert-dispatcher 1, restart; 2 s later kill -9 of alert-dispatcher 2, restart (no dispatcher up for a while)");

    final String id;
    final String fault;

    Scenario(String id, String fault) {
      this.id = id;
      this.fault = fault;
    }

    static Scenario byId(String id) {
      return Arrays.stream(values())
          .filter(s -> s.id.equals(id.trim()))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no scenario " + id));
    }
  }

  record Outcome(
      Scenario scenario,
      Result result,
      double runSeconds,
      List<Kill> kills,
      List<Double> readySeconds,
      long refusedAcks,
      long abandonedAcks,
      String load) {}

  public static void main(String[] args) {
    try {
      System.exit(run() ? 0 : 1);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static boolean run() throws Exception {
    var scenarios =
        Arrays.stream(
                System.getProperty(
                        "fault.scenarios",
                        "baseline,kill-dispatcher,kill-worker,kill-ack-receiver,kill-both-dispatchers")
                    .split(","))
            .map(Scenario::byId)
            .toList();
    var outcomes = new ArrayList<Outcome>();
    var loadAtStart = BenchmarkDoc.loadAverage();
    for (var scenario : scenarios) {
      System.out.printf("%n=== scenario %s: %s%n", scenario.id, scenario.fault);
      outcomes.add(new FaultHarness(scenario).runScenario());
      var report = report(outcomes, loadAtStart);
      System.out.println(report);
      DOC.write(report);
    }
    return outcomes.stream().allMatch(o -> o.result().met());
  }

  // ---------------------------------------------------------------------------------- a scenario

  private final Scenario scenario;
  private final Path dir;
  private final Map<String, AlertStatus> live = new ConcurrentHashMap<>();
  private final List<ServiceInstance> instances = new ArrayList<>();
  private final List<Kill> kills = new ArrayList<>();
  private final List<Double> readySeconds = new ArrayList<>();

  private FaultHarness(Scenario scenario) {
    this.scenario = scenario;
    this.dir = WORK.resolve(scenario.id);
  }

  private Outcome runScenario() throws Exception {
    deleteRecursively(dir);
    Files.createDirectories(dir);
    var brokerPort = FreePorts.next();
    var broker =
        ChildJvm.java(
            "768m",
            LocalKafkaBroker.class.getName(),
            List.of(
                dir.resolve("kafka").toString(),
                String.valueOf(brokerPort),
                // a SIGKILLed service's open transaction is aborted within a second of its
                // timeout, as docker-compose.yml configures the broker
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000"),
            dir.resolve("broker.log"));
    MailCatcher mail = null;
    TwilioStandIn twilio = null;
    try {
      var bootstrap = awaitBroker(broker, "localhost:" + brokerPort);
      SharedKafka.createTopics(bootstrap, Topics.ALL);
      mail = MailCatcher.start(FreePorts.next());
      var ackPorts = List.of(FreePorts.next(), FreePorts.next());
      twilio =
          TwilioStandIn.start(
              FreePorts.next(),
              LocalStack.TWILIO_ACCOUNT_SID,
              LocalStack.TWILIO_AUTH_TOKEN,
              "http://localhost:" + ackPorts.get(0) + "/twilio/sms");
      var incidentId = "fault-" + scenario.id + "-" + UUID.randomUUID().toString().substring(0, 8);
      var recipients = seedTenants(bootstrap, incidentId);
      startServices(bootstrap, mail, twilio, ackPorts);
      var emailOfPhone =
          recipients.stream().collect(Collectors.toMap(Recipient::phone, Recipient::email));
      try (var contacts = new RespondingContacts(mail, twilio, ackPorts, emailOfPhone);
          var watch = new StateWatch(bootstrap, live)) {
        var raisedAt = Instant.now();
        raise(bootstrap, incidentId);
        var finalMail = mail;
        var finalTwilio = twilio;
        inject(
            contacts,
            () -> finalMail.counts().accepted(),
            () -> finalTwilio.messagesCounts().accepted(),
            bootstrap);
        awaitEnd(recipients, raisedAt);
        var runSeconds = InvariantChecker.seconds(raisedAt, Instant.now());
        // the last hand-overs' reports and the last acks settle: the check reads the topics once
        // nothing new has reached the providers for five seconds
        awaitQuiet(
            Duration.ofSeconds(5),
            () -> (long) finalMail.messages().size() + finalTwilio.messages().size());
        var checkedAt = Instant.now();
        var completedKills = new ArrayList<Kill>();
        for (var kill : kills) {
          completedKills.add(kill);
        }
        var checker = new InvariantChecker(bootstrap);
        var result =
            checker.check(
                recipients, mail.messages(), twilio.messages(), completedKills, checkedAt);
        checker.printExamples();
        // an ack-receiver's recovery: the first ack its successor answered
        var recovery = new ArrayList<>(result.recoverySeconds());
        for (var i = 0; i < completedKills.size(); i++) {
          var kill = completedKills.get(i);
          if (kill.service().equals(ACK_RECEIVER)) {
            var first = contacts.firstAckThrough(kill.instance(), kill.goneAt());
            recovery.set(i, first == null ? null : InvariantChecker.seconds(kill.at(), first));
          }
        }
        result =
            new Result(
                result.expected(),
                result.opened(),
                result.finalStatus(),
                result.stuck(),
                result.handOvers(),
                result.sendsAfterAck(),
                result.sendsAfterAckOverOneSecond(),
                result.sendsAfterAckRequestedAfterAck(),
                result.duplicates(),
                result.duplicatesInCrashWindow(),
                result.sentReportedTwice(),
                result.unsentAttempts(),
                result.escalations(),
                result.maxDeadlineLatenessSeconds(),
                result.lateDeadlines(),
                result.missedDeadlines(),
                recovery);
        return new Outcome(
            scenario,
            result,
            runSeconds,
            completedKills,
            List.copyOf(readySeconds),
            contacts.refused.get(),
            contacts.gaveUp.get(),
            BenchmarkDoc.loadAverage());
      }
    } finally {
      for (var instance : instances) {
        instance.stop();
      }
      if (twilio != null) {
        twilio.close();
      }
      if (mail != null) {
        mail.close();
      }
      broker.stop();
      deleteRecursively(dir.resolve("kafka"));
    }
  }

  private static String awaitBroker(ChildJvm broker, String bootstrap) {
    await("the broker to start (see " + broker.log + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!broker.isAlive()) {
                throw new IllegalStateException("the broker exited; see " + broker.log);
              }
              return Files.exists(broker.log)
                  && Files.readString(broker.log).contains(LocalKafkaBroker.READY);
            });
    return bootstrap;
  }

  private void startServices(
      String bootstrap, MailCatcher mail, TwilioStandIn twilio, List<Integer> ackPorts)
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
    var ackUrl1 = "http://localhost:" + ackPorts.get(0);
    for (var i = 1; i <= 2; i++) {
      var ack = new LinkedHashMap<>(common);
      ack.put("alerting.ack.public-base-url", "http://localhost:" + ackPorts.get(i - 1));
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
      instances.add(instance(WORKER, i, FreePorts.next(), "256m", worker));
    }
    for (var i = 1; i <= 2; i++) {
      var dispatcher = new LinkedHashMap<>(common);
      dispatcher.put("spring.mail.host", "localhost");
      dispatcher.put("spring.mail.port", String.valueOf(mail.smtpPort()));
      dispatcher.put("alerting.dispatcher.links.ack-receiver-base-url", ackUrl1);
      dispatcher.put("alerting.dispatcher.twilio.api-base-url", twilio.baseUrl());
      dispatcher.put("alerting.dispatcher.twilio.account-sid", LocalStack.TWILIO_ACCOUNT_SID);
      dispatcher.put("alerting.dispatcher.twilio.auth-token", LocalStack.TWILIO_AUTH_TOKEN);
      dispatcher.put("alerting.dispatcher.links.key-id", "k1");
      dispatcher.put("alerting.dispatcher.links.key", LocalStack.ACK_LINK_KEY);
      dispatcher.put(
          "alerting.dispatcher.escalation.critical-ack-timeout", ACK_TIMEOUT.toSeconds() + "s");
      dispatcher.put("alerting.dispatcher.senders.email-per-second", "" + EMAIL_PER_SECOND);
      dispatcher.put("alerting.dispatcher.senders.sms-per-second", "" + SMS_PER_SECOND);
      // two instances must not share transactional ids: each would fence the other's producers
      dispatcher.put("spring.kafka.producer.transaction-id-prefix", DISPATCHER + "-" + i + "-");
      // how the harness tells the instances' partitions apart in the consumer groups
      dispatcher.put("spring.kafka.client-id", DISPATCHER + "-" + i);
      instances.add(instance(DISPATCHER, i, FreePorts.next(), "384m", dispatcher));
    }
    var started = Instant.now();
    for (var instance : instances) {
      instance.start();
    }
    for (var instance : instances) {
      instance.awaitHealthy(Duration.ofMinutes(4));
    }
    System.out.printf(
        "six services UP after %.1f s%n", InvariantChecker.seconds(started, Instant.now()));
  }

  private ServiceInstance instance(
      String module, int index, int port, String heap, Map<String, String> settings) {
    return new ServiceInstance(
        ROOT,
        module,
        index,
        port,
        FreePorts.next(),
        heap,
        settings,
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

  private void inject(RespondingContacts contacts, Count mails, Count texts, String bootstrap)
      throws Exception {
    var alerts = TENANTS * 2;
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
        var secondKillAt = Instant.now().plusSeconds(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Instant.now().isBefore(secondKillAt));
        killAndRestart(find(DISPATCHER, 2), bootstrap, false);
        awaitRestarted(first);
        awaitRestarted(find(DISPATCHER, 2));
      }
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
    var left = Duration.between(Instant.now(), raisedAt.plus(MAX_WAIT));
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
      System.out.println("gave up waiting: not every alert ended within " + MAX_WAIT);
    }
  }

  // ---------------------------------------------------------------------------------- set-up

  /** Every tenant: a security and an IT contact, each by email then SMS. */
  static List<Recipient> seedTenants(String bootstrap, String incidentId) {
    var recipients = new ArrayList<Recipient>();
    try (var producer = producer(bootstrap)) {
      for (var t = 0; t < TENANTS; t++) {
        var tenant = "fault-" + t;
        var contacts = new ArrayList<Contact>();
        for (var kind = 1; kind <= 2; kind++) {
          var contactId = kind == 1 ? "sec" : "it";
          var email = contactId + "@" + tenant + ".fault";
          var phone = String.format(Locale.ROOT, "+1%d55%07d", 2 + kind, t);
          contacts.add(
              new Contact(
                  contactId,
                  contactId + " " + t,
                  null,
                  Set.of(kind == 1 ? ContactRole.PRIMARY_SECURITY : ContactRole.PRIMARY_IT),
                  List.of(
                      new ContactMethod(Channel.EMAIL, email),
                      new ContactMethod(Channel.SMS, phone))));
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

  /** Every alert's latest status, read as the run goes, to know when it has ended. */
  static final class StateWatch implements AutoCloseable {
    private final KafkaConsumer<String, Event> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    StateWatch(String bootstrap, Map<String, AlertStatus> live) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "fault-watch-" + UUID.randomUUID(),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              new EventSerde().deserializer());
      consumer.subscribe(List.of(Topics.ALERT_STATE.name()));
      thread =
          new Thread(
              () -> {
                while (running) {
                  for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() instanceof AlertState s) {
                      live.put(s.alertId(), s.status());
                    }
                  }
                }
                consumer.close();
              },
              "fault-state-watch");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5_000);
    }
  }

  // ---------------------------------------------------------------------------------- report

  static String report(List<Outcome> outcomes, String loadAtStart) {
    var rows = new StringBuilder();
    var details = new StringBuilder();
    for (var o : outcomes) {
      var r = o.result();
      var recovery =
          o.kills().isEmpty()
              ? "–"
              : java.util.stream.IntStream.range(0, o.kills().size())
                  .mapToObj(
                      i ->
                          String.format(
                              Locale.ROOT,
                              "%s-%d: UP %s, working %s",
                              o.kills().get(i).service(),
                              o.kills().get(i).instance(),
                              i < o.readySeconds().size()
                                  ? String.format(Locale.ROOT, "%.1f s", o.readySeconds().get(i))
                                  : "?",
                              r.recoverySeconds().get(i) == null
                                  ? "nothing to do"
                                  : String.format(
                                      Locale.ROOT, "%.1f s", r.recoverySeconds().get(i))))
                  .collect(Collectors.joining("; "));
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d alerts, %d s ack timeout | %s | %,d | **%d** | **%d** | %d | **%d** (%d > 1 s; %d requested after the ack) | %d late, %d missed (max %.1f s late) | %s | %s |%n",
              o.scenario().id,
              r.expected(),
              ACK_TIMEOUT.toSeconds(),
              o.scenario().fault,
              r.opened(),
              r.lost() + r.stuck(),
              r.duplicates() - r.duplicatesInCrashWindow(),
              r.duplicatesInCrashWindow(),
              r.sendsAfterAck(),
              r.sendsAfterAckOverOneSecond(),
              r.sendsAfterAckRequestedAfterAck(),
              r.lateDeadlines(),
              r.missedDeadlines(),
              r.maxDeadlineLatenessSeconds(),
              recovery,
              r.met() ? "met" : "**not met**"));
      details.append(
          String.format(
              Locale.ROOT,
              "- **%s**: ended %s; %,d hand-overs, %,d escalations; attempts of unacknowledged alerts never handed over: %d; (alert, attempt) reported SENT twice: %d; ack requests refused or unanswered and tried again: %,d, given up: %d; run %.0f s from the incident to the last alert ending; load average after: %s.%n",
              o.scenario().id,
              r.finalStatus().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                  .collect(Collectors.joining(", ")),
              r.handOvers(),
              r.escalations(),
              r.unsentAttempts(),
              r.sentReportedTwice(),
              o.refusedAcks(),
              o.abandonedAcks(),
              o.runSeconds(),
              o.load()));
    }
    return """
        ### Latest run: %s

        %s, %d cores; one broker in its own JVM; two processes each of alert-dispatcher,
        escalation-worker and ack-receiver (`java @jvm.options -jar`), the SMTP and Twilio
        stand-ins in the harness's JVM. %,d tenants × 2 contacts (email, then SMS; two rounds),
        one CRITICAL incident to all; senders at %d emails/s and %d texts/s. Contacts: 35%%
        acknowledge the first email's link, 35%% reply to the first text, 15%% the second email,
        15%% never (their alerts end EXHAUSTED). Load average (1/5/15 min) at the start: %s.

        | scenario | load | fault | alerts opened | lost or stuck (goal 0) | duplicated sends outside the crash window (goal 0) | in the crash window | sends after ack (goal 0) | deadlines (goal: none > %d s late) | time to recover (goal ≤ %d s) | invariants |
        |---|---|---|---|---|---|---|---|---|---|---|
        %s
        %s
        "UP": from the kill to the restarted process's actuator reporting UP. "working": from the
        kill to the first SENT report (dispatcher) or alert state change (worker) on a partition
        the killed instance owned, or to the first ack the restarted ack-receiver answered.
        """
        .formatted(
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            BenchmarkDoc.jvm(),
            Runtime.getRuntime().availableProcessors(),
            TENANTS,
            EMAIL_PER_SECOND,
            SMS_PER_SECOND,
            loadAtStart,
            InvariantChecker.GRACE.toSeconds(),
            InvariantChecker.GRACE.toSeconds(),
            rows,
            details);
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
