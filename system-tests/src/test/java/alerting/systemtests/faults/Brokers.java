package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.events.Topics;
import alerting.localinfra.FreePorts;
import alerting.localinfra.LocalKafkaBroker;
import alerting.localinfra.LocalKafkaBroker.ClusterNode;
import alerting.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The scenario's Kafka: one broker, or a KRaft cluster whose every node is broker and controller
 * (replication factor 3, {@code min.insync.replicas} 2, internal topics included, as production
 * should run it: {@link LocalKafkaBroker#clusterProperties}), each node in a JVM of its own on a
 * data directory of its own, so a node can be killed with SIGKILL and started again on the same
 * directory and ports, as an orchestrator would.
 */
final class Brokers implements AutoCloseable {
  static final String SERVICE = "kafka-broker";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Path dir;
  private final Path root;
  private final List<ClusterNode> nodes;
  private final Map<Integer, List<String>> commands = new LinkedHashMap<>();
  private final Map<Integer, ChildJvm> processes = new HashMap<>();

  private Brokers(Path dir, Path root, int count) {
    this.dir = dir;
    this.root = root;
    var list = new ArrayList<ClusterNode>();
    for (var id = 1; id <= count; id++) {
      list.add(new ClusterNode(id, FreePorts.next(), FreePorts.next()));
    }
    this.nodes = List.copyOf(list);
    var clusterId = Uuid.randomUuid().toString();
    // a SIGKILLed service's open transaction is aborted within a second of its timeout, as
    // docker-compose.yml configures the broker
    var abortCheck = LocalKafkaBroker.ABORT_CHECK_INTERVAL + "=1000";
    for (var node : nodes) {
      var dataDir = dir.resolve("kafka-" + node.nodeId()).toString();
      commands.put(
          node.nodeId(),
          count == 1
              // exactly the single node the first version ran (and the local stack runs)
              ? List.of(dataDir, String.valueOf(node.port()), abortCheck)
              : List.of(
                  "--cluster",
                  clusterId,
                  String.valueOf(node.nodeId()),
                  LocalKafkaBroker.formatNodes(nodes),
                  dataDir,
                  abortCheck));
    }
  }

  /**
   * Starts {@code count} nodes side by side (a cluster needs a majority to take clients), their
   * logs and data under {@code dir}; {@code root} is the checkout.
   */
  static Brokers start(Path dir, Path root, int count) throws IOException {
    var brokers = new Brokers(dir, root, count);
    for (var node : brokers.nodes) {
      brokers.startNode(node.nodeId());
    }
    for (var node : brokers.nodes) {
      brokers.awaitReady(node.nodeId());
    }
    return brokers;
  }

  int size() {
    return nodes.size();
  }

  /** Replicas per topic: three on a cluster, as production; one on a single broker. */
  short replicationFactor() {
    return (short) Math.min(3, nodes.size());
  }

  String bootstrap() {
    return LocalKafkaBroker.bootstrapServers(nodes);
  }

  String describe() {
    return nodes.size() == 1
        ? "one broker in its own JVM"
        : nodes.size()
            + " brokers (KRaft, each broker and controller, in its own JVM; replication factor "
            + replicationFactor()
            + ", min.insync.replicas "
            + LocalKafkaBroker.clusterProperties(nodes.size()).get("min.insync.replicas")
            + ")";
  }

  private Path log(int nodeId) {
    return dir.resolve(nodes.size() == 1 ? "broker.log" : "broker-" + nodeId + ".log");
  }

  private void startNode(int nodeId) throws IOException {
    processes.put(
        nodeId,
        ChildJvm.java("512m", LocalKafkaBroker.class.getName(), commands.get(nodeId), log(nodeId)));
  }

  /** Until the node's latest start printed {@link LocalKafkaBroker#READY}; when it was seen. */
  Instant awaitReady(int nodeId) {
    var process = processes.get(nodeId);
    return await("broker " + nodeId + " to start (see " + process.log + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("broker " + nodeId + " exited; see " + process.log);
              }
              var text = Files.exists(process.log) ? Files.readString(process.log) : "";
              // each start is marked in the log: only a READY after the latest mark counts
              var latest = text.substring(Math.max(0, text.lastIndexOf("\n==== ")));
              return latest.contains(LocalKafkaBroker.READY) ? Instant.now() : null;
            },
            java.util.Objects::nonNull);
  }

  /** The catalogue's topics with the cluster's replication (min.insync.replicas: the brokers'). */
  void createTopics() {
    try (var admin = admin()) {
      var result =
          admin.createTopics(
              Topics.ALL.stream().map(t -> t.newTopic(replicationFactor())).toList());
      for (var future : result.values().values()) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("could not create a topic", e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  /** What each node leads: every partition of every topic, internal ones included. */
  Map<Integer, Set<TopicPartition>> leadership() throws Exception {
    var led = new HashMap<Integer, Set<TopicPartition>>();
    try (var admin = admin()) {
      var names =
          admin
              .listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
              .names()
              .get();
      for (var topic : admin.describeTopics(names).allTopicNames().get().values()) {
        for (var p : topic.partitions()) {
          if (p.leader() != null) {
            led.computeIfAbsent(p.leader().id(), id -> new HashSet<>())
                .add(new TopicPartition(topic.name(), p.partition()));
          }
        }
      }
    }
    return led;
  }

  /** The node the KRaft quorum has as its active controller. */
  int activeController() throws Exception {
    try (var admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get().leaderId();
    }
  }

  /** SIGKILL of one node; returns the moment it was sent, the process gone on return. */
  Instant kill(int nodeId) throws IOException, InterruptedException {
    var at = Instant.now();
    processes.get(nodeId).killHard();
    return at;
  }

  /** Starts a killed node again on its data directory and ports. */
  void restart(int nodeId) throws IOException {
    startNode(nodeId);
  }

  /** Until every partition has all its replicas in sync again; when that was seen, or null. */
  Instant awaitFullIsr(Duration timeout) {
    try {
      return await("every partition's replicas in sync")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () -> {
                try (var admin = admin()) {
                  var names =
                      admin
                          .listTopics(
                              new org.apache.kafka.clients.admin.ListTopicsOptions()
                                  .listInternal(true))
                          .names()
                          .get();
                  var all =
                      admin.describeTopics(names).allTopicNames().get().values().stream()
                          .flatMap(t -> t.partitions().stream())
                          .allMatch(p -> p.isr().size() == p.replicas().size());
                  return all ? Instant.now() : null;
                }
              },
              java.util.Objects::nonNull);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return null;
    }
  }

  /**
   * Stops every node side by side: a node stopping after the others would wait for a controller
   * quorum that is gone (ChildJvm kills it after 30 s).
   */
  @Override
  public void close() throws InterruptedException {
    var stopping = new ArrayList<Thread>();
    for (var process : processes.values()) {
      if (process.isAlive()) {
        var thread =
            new Thread(
                () -> {
                  try {
                    process.stop();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "stop-broker");
        thread.start();
        stopping.add(thread);
      }
    }
    for (var thread : stopping) {
      thread.join();
    }
  }
}
