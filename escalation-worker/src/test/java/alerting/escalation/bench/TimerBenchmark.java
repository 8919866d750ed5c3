package alerting.escalation.bench;

import alerting.escalation.EscalationWorkerApplication;
import alerting.events.Topics;
import alerting.localinfra.FreePorts;
import alerting.localinfra.LocalKafkaBroker;
import alerting.testsupport.BenchmarkRuns;
import alerting.testsupport.ChildJvm;
import alerting.testsupport.RawProducerThroughput;
import alerting.testsupport.SharedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * Schedules 100,000 escalation timers on a real broker (30% acknowledged before their deadline) and
 * measures how late they fire and whether any is lost, doubled or fired after its ack; then
 * SIGKILLs a worker in the middle of a second batch, restarts it, and measures how soon the killed
 * worker's alerts escalate again (with two workers, by the other's warm standby; with one, by the
 * restarted worker after restoring) and again that nothing is lost or doubled.
 *
 * <p>Broker, worker and this load generator are three JVMs. Options, {@code name=value}: timers,
 * ack-ratio, lead (s until the first deadline), spread (s over which deadlines fall), crash-timers,
 * crash-lead, crash-spread, docs (the markdown file to update), worker-heap, {@code
 * alerting.worker.*} and {@code spring.*} (worker settings), {@code broker.*} (broker settings),
 * worker-jvm (JVM options added to the worker's {@code jvm.options}, comma-separated) and cds
 * ({@code false}: the worker starts without the class data sharing archive its image has),
 * raw-records (records the raw producer sends to the run's broker as a yardstick; 0: none), workers
 * (2 unless told, as compose runs them; 1: the single worker restarts alone).
 *
 * <p>Runs {@code -Dbench.runs} times (5 unless told), each in a load-generator JVM of its own with
 * a broker and worker of its own, and writes the median, lowest and highest of each figure with
 * every run's own to the "Escalation timers" section of docs/benchmarks.md ({@link RunsReport}).
 */
public final class TimerBenchmark {
  private static final String APPLICATION_ID = "escalation-bench";
  private static final Duration SETTLE = Duration.ofSeconds(5);

  /** The worker's JVM options, the file its image starts it with. */
  private static final Path JVM_OPTIONS = Path.of("jvm.options").toAbsolutePath();

  private final Map<String, String> options;
  private final Path runDir;
  private String bootstrap;

  /** The workers, their ports: index 0 is the one killed in phase 2. */
  private final List<ChildJvm> workers = new java.util.ArrayList<>();

  private final List<int[]> workerPorts = new java.util.ArrayList<>();
  private final AtomicLong pendingPeak = new AtomicLong();

  /** Set by the {@code cds} option: the worker's jar class path and its CDS archive. */
  private String workerClassPath;

  private Path workerArchive;

  private TimerBenchmark(Map<String, String> options, Path runDir) {
    this.options = options;
    this.runDir = runDir;
  }

  public static void main(String[] args) throws Exception {
    var options = options(args);
    if (!BenchmarkRuns.inRun()) {
      var runs =
          BenchmarkRuns.repeat(
              TimerBenchmark.class, List.of(args), Path.of("target", "timer-benchmark"));
      var report = new RunsReport(options, runs);
      System.out.println(report.markdown());
      var docs = Path.of(options.getOrDefault("docs", "../docs/benchmarks.md"));
      RunsReport.DOC.write(docs, report.markdown());
      System.exit(runs.stream().anyMatch(BenchmarkRuns.Run::ok) ? 0 : 1);
    }
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    var runDir =
        Files.createDirectories(
                Path.of("target", "timer-benchmark", "run-" + System.currentTimeMillis()))
            .toAbsolutePath();
    BenchmarkRuns.hand(new TimerBenchmark(options, runDir).run());
    System.exit(0);
  }

  /** {@code name=value} arguments, with or without a leading {@code --}. */
  static Map<String, String> options(String[] args) {
    var options = new HashMap<String, String>();
    for (var arg : String.join(" ", args).trim().split("\\s+")) {
      var option = arg.startsWith("--") ? arg.substring(2) : arg;
      if (option.contains("=")) {
        options.put(
            option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
      }
    }
    return options;
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  /** One run: its figures by name, its full table in {@code results.md} of the run directory. */
  private Map<String, Object> run() throws Exception {
    log("run directory " + runDir + "; load " + loadAverage());
    var brokerPort = FreePorts.next();
    var brokerArgs =
        new java.util.ArrayList<>(
            List.of(runDir.resolve("kafka").toString(), Integer.toString(brokerPort)));
    brokerSettings().forEach((name, value) -> brokerArgs.add(name + "=" + value));
    var broker =
        ChildJvm.java(
            "1g", LocalKafkaBroker.class.getName(), brokerArgs, runDir.resolve("broker.log"));
    bootstrap = "localhost:" + brokerPort;
    awaitBroker();
    SharedKafka.createTopics(bootstrap, Topics.ALL);
    // the yardstick of this run's machine and broker, before the worker starts
    var rawRecords = intOption("raw-records", 200_000);
    var raw = rawRecords > 0 ? RawProducerThroughput.measure(bootstrap, rawRecords) : null;
    if (raw != null) {
      log(String.format(java.util.Locale.ROOT, "raw producer: %,.0f records/s", raw.perSecond()));
    }
    // defaults kept in the options, so the report names what the worker ran with
    options.putIfAbsent("cds", "true");
    var workerCount = intOption("workers", 2);
    // as compose runs the worker: the group notices a killed instance after this
    options.putIfAbsent("alerting.worker.streams.session-timeout", "2s");
    options.putIfAbsent("workers", Integer.toString(workerCount));
    for (var i = 0; i < workerCount; i++) {
      workerPorts.add(new int[] {FreePorts.next(), FreePorts.next()});
      workers.add(null);
    }
    options.put(
        "jvm.options",
        String.join(
            " ",
            Files.readAllLines(JVM_OPTIONS).stream()
                .map(line -> line.replaceAll("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .toList()));
    if (Boolean.parseBoolean(options.get("cds"))) {
      prepareClassDataSharing();
    }
    var coldStart = startWorker(0);
    log("worker cold start to RUNNING: " + coldStart.toMillis() + " ms");
    for (var i = 1; i < workers.size(); i++) {
      // the others join one by one, each taking its share and a standby copy of the rest
      log("worker " + (i + 1) + " RUNNING after " + startWorker(i).toMillis() + " ms");
    }
    // the second worker's standby copies restore during phase 1, minutes before the kill
    var poller = pendingPoller();
    try (var observer = new EscalationObserver(bootstrap);
        var load = new LoadGenerator(bootstrap)) {
      var steady = steadyPhase(load, observer);
      var crash = crashPhase(load, observer);
      var report =
          new BenchmarkReport(
              options,
              coldStart,
              steady,
              crash,
              BatchResult.of(crash.batch(), observer, due -> true),
              BatchResult.of(steady.batch(), observer, due -> true),
              raw,
              loadAverage());
      System.out.println(report.markdown());
      Files.writeString(runDir.resolve("results.md"), report.markdown());
      log("results written to " + runDir.resolve("results.md"));
      var figures = report.figures();
      figures.put("run.dir", Path.of("").toAbsolutePath().relativize(runDir).toString());
      return figures;
    } finally {
      poller.shutdownNow();
      for (var worker : workers) {
        if (worker != null) {
          worker.stop();
        }
      }
      broker.stop();
    }
  }

  record Steady(TimerBatch batch, BatchResult result, Duration loadTime, long pendingPeak) {}

  private Steady steadyPhase(LoadGenerator load, EscalationObserver observer) throws Exception {
    var timers = intOption("timers", 100_000);
    var lead = Duration.ofSeconds(intOption("lead", 60));
    var spread = Duration.ofSeconds(intOption("spread", 60));
    var batch = new TimerBatch("steady", timers, ackRatio(), Instant.now().plus(lead), spread, 1);
    log(
        "phase 1: "
            + timers
            + " timers due from +"
            + lead.toSeconds()
            + " s over "
            + spread.toSeconds()
            + " s");
    var started = Instant.now();
    load.scheduleAcks(batch);
    load.open(batch);
    var loadTime = Duration.between(started, Instant.now());
    log("phase 1: all alerts on the broker after " + loadTime.toMillis() + " ms");
    awaitSettled(batch, observer);
    var result = BatchResult.of(batch, observer, due -> true);
    log("phase 1: " + result);
    return new Steady(batch, result, loadTime, pendingPeak.get());
  }

  record Crash(
      TimerBatch batch,
      Instant killedAt,
      Duration toRunning,
      Duration toFirstEscalation,
      Duration toFirstVisible,
      BatchResult dueDuringOutage,
      RestartTimeline timeline,
      RestartTimeline takeover) {}

  private Crash crashPhase(LoadGenerator load, EscalationObserver observer) throws Exception {
    var timers = intOption("crash-timers", 30_000);
    var lead = Duration.ofSeconds(intOption("crash-lead", 30));
    var spread = Duration.ofSeconds(intOption("crash-spread", 30));
    var batch = new TimerBatch("crash", timers, ackRatio(), Instant.now().plus(lead), spread, 2);
    log(
        "phase 2: "
            + timers
            + " timers due from +"
            + lead.toSeconds()
            + " s over "
            + spread.toSeconds()
            + " s; SIGKILL a third of the way in");
    load.scheduleAcks(batch);
    load.open(batch);
    var killAt = batch.firstDue.plus(spread.dividedBy(3));
    awaitUntil(() -> !Instant.now().isBefore(killAt), Duration.ofMinutes(10));
    // whose timers stop with the kill: the partitions the first worker has now
    var killedPartitions = assignedPartitions(instanceId(0));
    log("phase 2: worker 1 has partitions " + killedPartitions + " of " + Topics.ALERTS.name());
    var killedAt = Instant.now();
    var killed = workers.get(0);
    killed.killHard();
    log("phase 2: worker pid " + killed.pid() + " killed with SIGKILL");
    // restarted at once, as its supervisor would; with two, the other takes its tasks over first
    var toRunning = startWorker(0);
    var runningAt = killedAt.plus(toRunning);
    log("phase 2: restarted worker 1 RUNNING " + toRunning.toMillis() + " ms after the kill");
    awaitSettled(batch, observer);
    var firstFired =
        observer.escalations.values().stream()
            .flatMap(queue -> queue.stream())
            .filter(fired -> fired.firedAt().isAfter(killedAt))
            .filter(fired -> killedPartitions.contains(fired.partition()))
            .min((a, b) -> a.firedAt().compareTo(b.firedAt()))
            .orElseThrow();
    var outage =
        BatchResult.of(batch, observer, due -> !due.isBefore(killedAt) && due.isBefore(runningAt));
    return new Crash(
        batch,
        killedAt,
        toRunning,
        Duration.between(killedAt, firstFired.firedAt()),
        Duration.between(killedAt, firstFired.seenAt()),
        outage,
        RestartTimeline.of(runDir.resolve("worker.log"), killedAt),
        workers.size() > 1
            ? RestartTimeline.takeover(runDir.resolve("worker-2.log"), killedAt)
            : new RestartTimeline(Map.of()));
  }

  private String instanceId(int worker) {
    return APPLICATION_ID + "-" + (worker + 1);
  }

  /** The partitions of alerts.v1 (so the tasks) the group has given to {@code instanceId}. */
  private java.util.Set<Integer> assignedPartitions(String instanceId) throws Exception {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var group =
          admin
              .describeConsumerGroups(List.of(APPLICATION_ID))
              .describedGroups()
              .get(APPLICATION_ID)
              .get(30, TimeUnit.SECONDS);
      return group.members().stream()
          // each stream thread is a member of its own, "<instance id>-<thread>"
          .filter(
              m -> m.groupInstanceId().filter(id -> id.startsWith(instanceId + "-")).isPresent())
          .flatMap(m -> m.assignment().topicPartitions().stream())
          .filter(tp -> tp.topic().equals(Topics.ALERTS.name()))
          .map(org.apache.kafka.common.TopicPartition::partition)
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /**
   * The broker's settings: a 1 s abort check for timed-out transactions (as production brokers
   * should run), and any option {@code broker.<setting>=value}, e.g. {@code
   * broker.transaction.abort.timed.out.transaction.cleanup.interval.ms=10000} for Kafka's default.
   */
  private Map<String, String> brokerSettings() {
    var settings = new java.util.TreeMap<String, String>();
    settings.put(LocalKafkaBroker.ABORT_CHECK_INTERVAL, "1000");
    // as compose's broker: a worker may ask for a session shorter than Kafka's 6 s minimum, so a
    // killed one's tasks move to the standby within seconds
    settings.put("group.min.session.timeout.ms", "1000");
    options.forEach(
        (name, value) -> {
          if (name.startsWith("broker.")) {
            settings.put(name.substring("broker.".length()), value);
          }
        });
    return settings;
  }

  /**
   * Starts worker {@code index} (same instance id, ports and state directory every time; the first
   * one logs to worker.log, the others to worker-N.log) and returns how long until RUNNING.
   */
  private Duration startWorker(int index) throws Exception {
    var started = Instant.now();
    var ports = workerPorts.get(index);
    var suffix = index == 0 ? "" : "-" + (index + 1);
    var args =
        new java.util.ArrayList<>(
            List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.port=" + ports[0],
                "--management.server.port=" + ports[1],
                "--management.endpoint.health.show-details=always",
                "--alerting.worker.streams.application-id=" + APPLICATION_ID,
                "--alerting.worker.streams.instance-id=" + instanceId(index),
                "--alerting.worker.streams.state-dir=" + runDir.resolve("worker-state" + suffix)));
    // any option naming a worker or Spring setting is handed on, e.g.
    // alerting.worker.timers.catch-up-grace=2s
    options.forEach(
        (name, value) -> {
          if (name.startsWith("alerting.worker.") || name.startsWith("spring.")) {
            args.add("--" + name + "=" + value);
          }
        });
    var jvmOptions = workerJvmOptions();
    if (workerArchive != null) {
      jvmOptions.add("-XX:SharedArchiveFile=" + workerArchive);
    }
    workers.set(
        index,
        ChildJvm.java(
            options.getOrDefault("worker-heap", "1g"),
            jvmOptions,
            workerClassPath == null ? withoutArchive() : workerClassPath,
            EscalationWorkerApplication.class.getName(),
            args,
            runDir.resolve("worker" + suffix + ".log")));
    var probe = new WorkerProbe(ports[1]);
    awaitUntil(probe::running, Duration.ofMinutes(3));
    return Duration.between(started, Instant.now());
  }

  /**
   * The worker's own JVM options, from the file its image starts it with ({@code jvm.options}),
   * plus any given as option {@code worker-jvm=-XX:a,-XX:b} to try others.
   */
  private java.util.List<String> workerJvmOptions() {
    var jvmOptions = new java.util.ArrayList<String>();
    jvmOptions.add("@" + JVM_OPTIONS);
    var extra = options.getOrDefault("worker-jvm", "");
    if (!extra.isBlank()) {
      jvmOptions.addAll(List.of(extra.split(",")));
    }
    return jvmOptions;
  }

  /**
   * The worker's own dependencies, as its image has them: the runtime class path Maven wrote before
   * the tests compiled ({@code target/runtime-classpath.txt}, escalation-worker's pom). The
   * benchmark's class path also holds every test library (a Kafka broker, Testcontainers, JUnit…),
   * which a worker started with it scanned and loaded at start-up for nothing.
   */
  /** Without class data sharing: the worker's classes directory and its runtime dependencies. */
  private static String withoutArchive() throws IOException {
    return String.join(
        java.io.File.pathSeparator,
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    Path.of("target", "classes").toAbsolutePath().toString()),
                runtimeDependencies().stream())
            .toList());
  }

  private static List<String> runtimeDependencies() throws IOException {
    var written = Path.of("target", "runtime-classpath.txt");
    if (!Files.exists(written)) {
      throw new IllegalStateException(
          written.toAbsolutePath() + " is missing: run the documented command (test-compile)");
    }
    return java.util.Arrays.stream(
            Files.readString(written).trim().split(java.io.File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .toList();
  }

  /**
   * Unless option {@code cds=false}: the worker runs from a jar (class data sharing archives no
   * classes from directories) with a dynamic CDS archive made by a training run that stops where
   * the context would start its lifecycle beans (Spring's {@code spring.context.exit=onRefresh}),
   * as the worker's image does at build time (see CDS_TRAINING in the Dockerfile).
   */
  private void prepareClassDataSharing() throws Exception {
    var appJar = runDir.resolve("escalation-worker-classes.jar");
    var jar = java.util.spi.ToolProvider.findFirst("jar").orElseThrow();
    if (jar.run(
            System.out,
            System.err,
            "cf",
            appJar.toString(),
            "-C",
            Path.of("target", "classes").toAbsolutePath().toString(),
            ".")
        != 0) {
      throw new IllegalStateException("could not package target/classes");
    }
    var dependencies = runtimeDependencies();
    workerClassPath =
        String.join(
            java.io.File.pathSeparator,
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(appJar.toString()), dependencies.stream())
                .toList());
    workerArchive = runDir.resolve("escalation-worker.jsa");
    var started = Instant.now();
    var trainingOptions = workerJvmOptions();
    trainingOptions.addAll(
        List.of("-XX:ArchiveClassesAtExit=" + workerArchive, "-Dspring.context.exit=onRefresh"));
    var training =
        ChildJvm.java(
            "1g",
            trainingOptions,
            workerClassPath,
            EscalationWorkerApplication.class.getName(),
            List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.port=" + FreePorts.next(),
                "--management.server.port=0",
                "--alerting.worker.streams.auto-startup=false",
                "--alerting.worker.topics.create=false"),
            runDir.resolve("cds-training.log"));
    training.awaitExit(180);
    if (!Files.exists(workerArchive)) {
      throw new IllegalStateException("no CDS archive written; see " + training.log);
    }
    log(
        "CDS archive "
            + Files.size(workerArchive) / (1024 * 1024)
            + " MiB made in "
            + Duration.between(started, Instant.now()).toMillis()
            + " ms");
  }

  /**
   * Waits for the batch's last deadline, then until every expected escalation and every ack's
   * outcome has been read (or two minutes have passed: what is missing then is lost), then until no
   * escalation has appeared for a while, so that duplicates have had time to show.
   */
  private void awaitSettled(TimerBatch batch, EscalationObserver observer) throws Exception {
    var giveUp = batch.lastDue.plus(Duration.ofMinutes(2));
    awaitUntil(
        () ->
            Instant.now().isAfter(batch.lastDue.plus(SETTLE))
                && (Instant.now().isAfter(giveUp) || everyOutcomeSeen(batch, observer)),
        Duration.ofMinutes(15));
    awaitUntil(
        () -> System.currentTimeMillis() - observer.lastEscalationSeenMillis.get() > 3000,
        Duration.ofMinutes(5));
  }

  private static boolean everyOutcomeSeen(TimerBatch batch, EscalationObserver observer) {
    var acked = batch.acknowledgedInTime();
    return batch.alertIds.stream()
        .allMatch(
            alertId ->
                acked.contains(alertId)
                    ? observer.ackProcessedAt.containsKey(alertId)
                    : observer.escalations.containsKey(alertId));
  }

  /** Samples the worker's pending-timer gauge twice a second, for the peak. */
  private ScheduledExecutorService pendingPoller() {
    var poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              var thread = new Thread(r, "pending-timers-poller");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        () ->
            pendingPeak.accumulateAndGet(
                workerPorts.stream()
                    .mapToLong(
                        ports ->
                            (long)
                                new WorkerProbe(ports[1])
                                    .meter("alerting_escalation_timers_pending")
                                    .orElse(0))
                    .sum(),
                Math::max),
        0,
        500,
        TimeUnit.MILLISECONDS);
    return poller;
  }

  private void awaitBroker() throws Exception {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      awaitUntil(
          () -> {
            try {
              admin.describeCluster().nodes().get();
              return true;
            } catch (Exception notYet) {
              return false;
            }
          },
          Duration.ofMinutes(2));
    }
  }

  private static void awaitUntil(BooleanSupplier condition, Duration timeout) {
    // polled often: the kill time and the resume time are measured through these waits
    Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .atMost(timeout)
        .until(condition::getAsBoolean);
  }

  private double ackRatio() {
    return Double.parseDouble(options.getOrDefault("ack-ratio", "0.3"));
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException unavailable) {
      return "unknown";
    }
  }

  private static void log(String message) {
    System.out.println(Instant.now() + " [timer-benchmark] " + message);
  }
}
