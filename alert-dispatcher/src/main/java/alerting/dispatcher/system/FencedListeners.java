package alerting.dispatcher.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts a listener's consumer again after its transaction's producer was fenced, e.g. when the
 * broker aborted a poll's transaction that outlived the transaction timeout. Spring Kafka's
 * container would otherwise go on from the consumer's in-memory position, past the aborted poll's
 * records: their outcomes (SENT reports, opened alerts) were rolled back with the transaction, so
 * they were never handled again (docs/reliability.md, finding 2). The containers stop the fenced
 * consumer instead ({@link KafkaClientsConfig}); a new one reads from the group's committed
 * offsets, which the aborted transaction never moved. A sender that had handed a delivery to its
 * provider before the abort reports it from memory rather than sending it again (SentDeliveries).
 */
@Component
class FencedListeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FencedListeners.class);

  /** How long a stopped consumer's thread may take to close its consumer before we start anew. */
  private static final Duration WRAP_UP = Duration.ofSeconds(30);

  /**
   * Restarts of one consumer within {@link #RESTART_WINDOW} after which it is left stopped. A
   * producer is fenced now and then; one fenced again and again is more likely a second instance
   * with the same {@code group.instance.id} (the stopped reason is the same), and two of them
   * restarting would fence each other for ever. Left stopped, the last one started keeps the
   * partitions.
   */
  private static final int MAX_RESTARTS = 3;

  private static final Duration RESTART_WINDOW = Duration.ofMinutes(5);

  private final Map<String, Deque<Instant>> restarted = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  private final ExecutorService restarts =
      Executors.newSingleThreadExecutor(
          r -> {
            var thread = new Thread(r, "fenced-listener-restart");
            thread.setDaemon(true);
            return thread;
          });

  @EventListener
  void on(ConsumerStoppedEvent event) {
    if (event.getReason() != ConsumerStoppedEvent.Reason.FENCED) {
      return;
    }
    var consumer = event.getSource(KafkaMessageListenerContainer.class);
    // every listener of the dispatcher comes from a concurrent container factory
    if (!(event.getContainer(Object.class)
        instanceof ConcurrentMessageListenerContainer<?, ?> listener)) {
      log.error(
          "consumer {} stopped (fenced) outside a concurrent container: not started again",
          consumer.getBeanName());
      return;
    }
    // published on the stopped consumer's own thread, before it has closed its consumer
    var stoppedThread = Thread.currentThread();
    if (!mayRestart(consumer.getBeanName())) {
      log.error(
          "listener {}: consumer {} fenced {} times within {}; left stopped. Do two instances share"
              + " alerting.dispatcher.kafka.instance-id?",
          listener.getListenerId(),
          consumer.getBeanName(),
          MAX_RESTARTS + 1,
          RESTART_WINDOW);
      return;
    }
    log.warn(
        "listener {}: consumer {} stopped because its producer was fenced; starting it again from"
            + " the committed offsets",
        listener.getListenerId(),
        consumer.getBeanName());
    restarts.execute(() -> restart(listener, consumer, stoppedThread));
  }

  private boolean mayRestart(String consumer) {
    var now = clock.instant();
    var times = restarted.computeIfAbsent(consumer, c -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
        times.removeFirst();
      }
      if (times.size() >= MAX_RESTARTS) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }

  private static void restart(
      ConcurrentMessageListenerContainer<?, ?> listener,
      KafkaMessageListenerContainer<?, ?> consumer,
      Thread stoppedThread) {
    try {
      stoppedThread.join(WRAP_UP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!listener.isRunning() || !listener.getContainers().contains(consumer)) {
      return; // the whole listener stopped or was started afresh meanwhile
    }
    try {
      consumer.start();
    } catch (IllegalStateException stopping) {
      // the listener is being stopped (the application shuts down): nothing to start
      log.info("listener {} is stopping; consumer not started again", listener.getListenerId());
    }
  }

  @Override
  public void close() {
    restarts.shutdownNow();
  }
}
