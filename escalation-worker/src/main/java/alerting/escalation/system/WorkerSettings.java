package alerting.escalation.system;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the worker can be told; bootstrap servers come from {@code spring.kafka.*}. */
@ConfigurationProperties("alerting.worker")
public record WorkerSettings(
    @DefaultValue Streams streams,
    @DefaultValue Timers timers,
    @DefaultValue TopicSettings topics) {

  /**
   * The streams client. A blank {@code instanceId} means "hostname-port", stable across restarts of
   * the same instance, which static membership needs to skip a rebalance. A killed instance's open
   * transaction holds back every reader of what it wrote, restores included, until it is aborted:
   * at once by the same instance restarted on the same {@code stateDir} (which keeps the process
   * id, hence the transactional id), else by the broker after {@code transactionTimeout} (plus its
   * abort-check interval): 3 s instead of Kafka Streams' 10 s, still thirty commit intervals.
   *
   * <p>A killed instance's partitions go to another after {@code sessionTimeout} (6 s, a third of
   * the way to the 10 s the fault harness allows from kill to escalating again; heartbeats every 2
   * s). {@code standbyReplicas}: other instances keep a warm copy of each task's stores, so the one
   * taking a task over fires its timers without restoring them first; with one instance there is
   * nowhere to keep one and it costs nothing.
   */
  public record Streams(
      @DefaultValue("escalation-worker") String applicationId,
      String instanceId,
      @DefaultValue("data/escalation-worker/streams") Path stateDir,
      @DefaultValue("1") int threads,
      @DefaultValue("100ms") Duration commitInterval,
      @DefaultValue("6s") Duration sessionTimeout,
      @DefaultValue("10s") Duration closeTimeout,
      @DefaultValue("true") boolean autoStartup,
      @DefaultValue("3s") Duration transactionTimeout,
      @DefaultValue("1") int standbyReplicas) {}

  /**
   * How often the wall-clock punctuator looks for due timers. A timer due at D waits until every
   * record on the broker at or after D has been read, however long that takes, after this instance
   * takes partitions over and while it is behind alike; {@code catchUpGrace} is only how long
   * timers wait when the worker cannot learn what is on the broker (a failure it logs as an error).
   * {@code endedAlertRetention}: how long an acknowledged, exhausted or closed alert is kept for
   * late events before it is forgotten, so a restart restores recent alerts, not all ever seen.
   * Keep it longer than the dispatcher's ack links are valid (7 d): an ack for a forgotten alert is
   * taken for one never seen.
   */
  public record Timers(
      @DefaultValue("100ms") Duration punctuationInterval,
      @DefaultValue("1s") Duration catchUpGrace,
      @DefaultValue("8d") Duration endedAlertRetention) {}

  /** Topic creation at start-up, and the replication of the worker's changelogs. */
  public record TopicSettings(
      @DefaultValue("1") short replicationFactor, @DefaultValue("true") boolean create) {}
}
