package alerting.escalation.topology;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * An empty, persistent, unlogged store whose only job is to make Kafka Streams keep its process id
 * in the state directory ({@code kafka-streams-process-metadata}), which it does only for
 * topologies with a persistent store. The worker's real stores are in memory.
 *
 * <p>Why it matters: under {@code exactly_once_v2} the producer's transactional id is {@code
 * <application id>-<process id>-<thread>}. With a new process id on every start, a SIGKILLed
 * instance's open transaction is fenced by nobody; it blocks every read_committed reader of what it
 * wrote (its successor's restore included) until the broker aborts it after {@code
 * transaction.timeout.ms} plus its abort-check interval. With the process id kept, the restarted
 * instance's first {@code InitProducerId} fences and aborts it at once.
 *
 * <p>Holds nothing, so nothing is restored, checkpointed or lost; never read or written.
 */
final class ProcessIdAnchor implements StateStore {
  static final String NAME = "escalation-process-id-anchor";

  private volatile boolean open;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(
        root,
        (key, value) -> {
          throw new IllegalStateException(NAME + " has no changelog to restore from");
        });
    open = true;
  }

  @Override
  public void flush() {
    // nothing held
  }

  @Override
  public void close() {
    open = false;
  }

  /** What Kafka Streams asks before keeping the process id on disk. */
  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public Position getPosition() {
    return Position.emptyPosition();
  }

  /** Builds the anchor: no cache, no changelog. */
  static final class Builder implements StoreBuilder<ProcessIdAnchor> {
    @Override
    public Builder withCachingEnabled() {
      return this;
    }

    @Override
    public Builder withCachingDisabled() {
      return this;
    }

    @Override
    public Builder withLoggingEnabled(Map<String, String> config) {
      throw new UnsupportedOperationException(NAME + " holds nothing to log");
    }

    @Override
    public Builder withLoggingDisabled() {
      return this;
    }

    @Override
    public ProcessIdAnchor build() {
      return new ProcessIdAnchor();
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }

    @Override
    public String name() {
      return NAME;
    }
  }
}
