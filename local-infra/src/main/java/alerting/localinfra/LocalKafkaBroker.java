package alerting.localinfra;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker and controller in this JVM, for the local runner. Its log and metadata
 * live under a data directory, so a restart on the same directory keeps every record.
 *
 * <p>It can also be one node of a small KRaft cluster ({@link #startClusterNode}), every node both
 * broker and controller, each in a JVM of its own ({@link #main} with {@code --cluster}): the fault
 * harness kills one broker of three that way. The local stack keeps the single node.
 */
public final class LocalKafkaBroker implements AutoCloseable {
  public static final int DEFAULT_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  /** What {@link #main} prints once the broker takes clients, for whoever started its JVM. */
  public static final String READY = "BROKER READY";

  /**
   * How often the broker looks for transactions past their timeout and aborts them (Kafka's
   * default: 10 s). A SIGKILLed service's open transaction holds back every read_committed reader
   * of its partitions, its successor's restore included, until then (when the restarted service
   * does not fence it first); production brokers should run with the same.
   */
  public static final String ABORT_CHECK_INTERVAL =
      "transaction.abort.timed.out.transaction.cleanup.interval.ms";

  private static final int NODE_ID = 1;

  /**
   * One node of a cluster: its id, its client port and its controller port, all on localhost.
   *
   * @param nodeId Kafka's {@code node.id}, also its id among the quorum's voters
   */
  public record ClusterNode(int nodeId, int port, int controllerPort) {
    String voter() {
      return nodeId + "@localhost:" + controllerPort;
    }
  }

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Thread shutdownHook;
  private boolean closed;

  private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.shutdownHook = new Thread(this::stop, "local-kafka-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts on 9092 with the controller on 9093. */
  public static LocalKafkaBroker start(Path dataDir) {
    return start(dataDir, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT);
  }

  /**
   * Starts on {@code port} with the controller on {@code port + 1}; port 0 picks two free ports.
   */
  public static LocalKafkaBroker start(Path dataDir, int port) {
    return port == 0
        ? start(dataDir, FreePorts.next(), FreePorts.next())
        : start(dataDir, port, port + 1);
  }

  public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort) {
    return start(dataDir, port, controllerPort, Map.of());
  }

  /**
   * As {@link #start(Path, int)}, with broker settings of the caller's on top of the defaults, e.g.
   * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}.
   */
  public static LocalKafkaBroker start(
      Path dataDir, int port, Map<String, String> brokerProperties) {
    return port == 0
        ? start(dataDir, FreePorts.next(), FreePorts.next(), brokerProperties)
        : start(dataDir, port, port + 1, brokerProperties);
  }

  /**
   * As {@link #start(Path, int, int)}, with the caller's broker settings on top of the defaults.
   */
  public static LocalKafkaBroker start(
      Path dataDir, int port, int controllerPort, Map<String, String> brokerProperties) {
    return start(dataDir, port, controllerPort, brokerProperties, Map.of());
  }

  /**
   * As {@link #start(Path, int, int, Map)}, checking readiness with {@code adminClientProperties}
   * on top of the bootstrap servers: the credentials of a broker that requires authentication.
   */
  public static LocalKafkaBroker start(
      Path dataDir,
      int port,
      int controllerPort,
      Map<String, String> brokerProperties,
      Map<String, Object> adminClientProperties) {
    Path dir = dataDir.toAbsolutePath();
    Properties props =
        properties(dir, NODE_ID, port, controllerPort, NODE_ID + "@localhost:" + controllerPort);
    props.putAll(SingleNodeKafka.brokerProperties());
    props.putAll(brokerProperties);
    formatIfNew(dir, NODE_ID, Uuid.randomUuid().toString());
    return startServer(dir, props, port, adminClientProperties);
  }

  /**
   * Starts node {@code nodeId} of the cluster {@code nodes} (every node broker and controller, the
   * quorum's voters fixed), formatting a new data directory with the cluster's shared {@code
   * clusterId}; replication as {@link #clusterProperties(int)} sets it, the caller's settings on
   * top. Returns once this node takes clients, which needs a majority of the controllers running:
   * start the nodes side by side, each in its own JVM ({@link #main}).
   */
  public static LocalKafkaBroker startClusterNode(
      Path dataDir,
      String clusterId,
      List<ClusterNode> nodes,
      int nodeId,
      Map<String, String> brokerProperties) {
    ClusterNode node =
        nodes.stream()
            .filter(n -> n.nodeId() == nodeId)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + nodes));
    Path dir = dataDir.toAbsolutePath();
    Properties props =
        properties(dir, nodeId, node.port(), node.controllerPort(), quorumVoters(nodes));
    props.putAll(clusterProperties(nodes.size()));
    props.putAll(brokerProperties);
    formatIfNew(dir, nodeId, clusterId);
    return startServer(dir, props, node.port(), Map.of());
  }

  /** {@code controller.quorum.voters} of a cluster: {@code 1@localhost:9093,2@localhost:…}. */
  public static String quorumVoters(List<ClusterNode> nodes) {
    return String.join(",", nodes.stream().map(ClusterNode::voter).toList());
  }

  /** The clients' bootstrap servers of a cluster: every node's client port. */
  public static String bootstrapServers(List<ClusterNode> nodes) {
    return String.join(",", nodes.stream().map(n -> "localhost:" + n.port()).toList());
  }

  /**
   * Replication of a cluster of {@code size} nodes as production should run it: every topic,
   * internal ones included, on up to three nodes, and a write acknowledged only once two of them
   * hold it ({@code min.insync.replicas} 2), so one broker can die without losing an acknowledged
   * record or stopping writes.
   */
  public static Map<String, String> clusterProperties(int size) {
    String replicas = String.valueOf(Math.min(3, size));
    String minInSync = String.valueOf(Math.max(1, Math.min(3, size) - 1));
    return Map.of(
        "default.replication.factor", replicas,
        "min.insync.replicas", minInSync,
        "offsets.topic.replication.factor", replicas,
        "transaction.state.log.replication.factor", replicas,
        "transaction.state.log.min.isr", minInSync,
        "share.coordinator.state.topic.replication.factor", replicas,
        "share.coordinator.state.topic.min.isr", minInSync,
        "group.initial.rebalance.delay.ms", "0");
  }

  private static LocalKafkaBroker startServer(
      Path dir, Properties props, int port, Map<String, Object> adminClientProperties) {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    server.startup();
    String bootstrap = "localhost:" + port;
    awaitReady(bootstrap, adminClientProperties);
    log.info("Local Kafka broker at {} with data in {}", bootstrap, dir);
    return new LocalKafkaBroker(server, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran; nothing left to unregister
    }
  }

  private synchronized void stop() {
    if (!closed) {
      closed = true;
      server.shutdown();
      server.awaitShutdown();
    }
  }

  private static Properties properties(
      Path dir, int nodeId, int port, int controllerPort, String quorumVoters) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(nodeId));
    props.put("controller.quorum.voters", quorumVoters);
    props.put(
        "listeners",
        "PLAINTEXT://localhost:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://localhost:"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", dir.toString());
    return props;
  }

  /** Formats only a directory that was never formatted: formatting again would lose the cluster. */
  private static void formatIfNew(Path dir, int nodeId, String clusterId) {
    if (Files.exists(dir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(dir);
      new Formatter()
          .setPrintStream(new PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(dir.toString()))
          .setMetadataLogDirectory(dir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka storage in " + dir, e);
    }
  }

  private static void awaitReady(String bootstrap, Map<String, Object> adminClientProperties) {
    Map<String, Object> config = new java.util.HashMap<>(adminClientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Local Kafka broker did not become ready at " + bootstrap, e);
    }
  }

  /**
   * A broker in a JVM of its own, so that killing a service never takes the broker down with it
   * (the timer benchmark, the fault harness): {@code LocalKafkaBroker <data dir> <port>
   * [broker.setting=value ...]}, or one node of a cluster: {@code LocalKafkaBroker --cluster
   * <cluster id> <node id> <nodes> <data dir> [broker.setting=value ...]}, where {@code <nodes>} is
   * {@code id:port:controllerPort,...} for every node, the same for each. Runs until its process is
   * stopped; its shutdown hook stops it cleanly.
   */
  public static void main(String[] args) throws InterruptedException {
    boolean cluster = args.length > 0 && args[0].equals("--cluster");
    int firstSetting = cluster ? 5 : 2;
    var settings = new java.util.HashMap<String, String>();
    for (int i = firstSetting; i < args.length; i++) {
      settings.put(
          args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    LocalKafkaBroker broker;
    if (cluster) {
      broker =
          startClusterNode(
              Path.of(args[4]), args[1], parseNodes(args[3]), Integer.parseInt(args[2]), settings);
    } else {
      broker = start(Path.of(args[0]), Integer.parseInt(args[1]), settings);
    }
    System.out.println(READY + " " + broker.bootstrapServers() + " " + settings);
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** The {@code --cluster} form of the nodes, {@code id:port:controllerPort,...}. */
  public static String formatNodes(List<ClusterNode> nodes) {
    return String.join(
        ",",
        nodes.stream().map(n -> n.nodeId() + ":" + n.port() + ":" + n.controllerPort()).toList());
  }

  static List<ClusterNode> parseNodes(String nodes) {
    return java.util.Arrays.stream(nodes.split(","))
        .map(
            n -> {
              String[] parts = n.split(":");
              return new ClusterNode(
                  Integer.parseInt(parts[0]),
                  Integer.parseInt(parts[1]),
                  Integer.parseInt(parts[2]));
            })
        .toList();
  }
}
