package alerting.kafka;

import alerting.events.Event;
import alerting.events.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.springframework.context.SmartLifecycle;

/**
 * The service's replayed views, one {@link TopicReplay} per topic however many views read it. Views
 * register in their constructors; {@link #start} only starts the replays' threads, so start-up
 * never waits for them: readiness does ({@link #isCaughtUp}), and a view asked before it caught up
 * waits for it, bounded ({@link TopicReplay#awaitCaughtUp}).
 */
public class ReplayedTopics implements SmartLifecycle, AutoCloseable {
  private final Map<String, Object> clientProperties;
  private final Map<String, TopicReplay> replays = new ConcurrentHashMap<>();
  private volatile boolean running;

  /**
   * {@code clientProperties} are the service's own consumer settings (bootstrap servers, security
   * protocol, SASL, SSL), e.g. Boot's {@code ConsumerFactory.getConfigurationProperties()}: a view
   * reads with the service's credentials like every other client of it.
   */
  public ReplayedTopics(Map<String, Object> clientProperties) {
    this.clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Hands every record of {@code topic}, from its beginning, to {@code view} (null for a
   * tombstone).
   */
  public TopicReplay follow(Topic topic, BiConsumer<String, Event> view) {
    return follow(topic, (key, value) -> false, view);
  }

  /**
   * As {@link #follow(Topic, BiConsumer)}; {@code skip} sees each record's key and raw value first,
   * and records it accepts are not parsed for this view: for views that can tell from the bytes
   * that a record holds nothing new for them.
   */
  public TopicReplay follow(
      Topic topic, BiPredicate<String, byte[]> skip, BiConsumer<String, Event> view) {
    var replay =
        replays.computeIfAbsent(topic.name(), name -> new TopicReplay(clientProperties, topic));
    replay.add(skip, view);
    if (running) {
      replay.start();
    }
    return replay;
  }

  /** True once every replay has read what was on its topic when it started. */
  public boolean isCaughtUp() {
    return replays.values().stream().allMatch(TopicReplay::isCaughtUp);
  }

  /** The topics still catching up, for the readiness report. */
  public List<String> catchingUp() {
    return replays.values().stream()
        .filter(r -> !r.isCaughtUp())
        .map(r -> r.topic().name())
        .sorted()
        .toList();
  }

  Collection<TopicReplay> replays() {
    return replays.values();
  }

  @Override
  public void start() {
    running = true;
    replays.values().forEach(TopicReplay::start);
  }

  @Override
  public void stop() {
    running = false;
    replays.values().forEach(TopicReplay::stop);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers (which may ask the views), after them on shutdown. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  @Override
  public void close() {
    stop();
  }
}
