package alerting.escalation.bench;

import alerting.localinfra.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's broker, in a JVM of its own: {@code BenchBroker <data dir> <port>
 * [broker.setting=value ...]}.
 */
public final class BenchBroker {
  /**
   * How often the broker looks for transactions past their timeout and aborts them (Kafka's
   * default: 10 s). A SIGKILLed worker's open transaction holds back every read_committed reader of
   * its partitions, its successor's restore included, until then (when the restarted worker does
   * not fence it first); production brokers should run with the same.
   */
  static final String ABORT_CHECK_INTERVAL =
      "transaction.abort.timed.out.transaction.cleanup.interval.ms";

  private BenchBroker() {}

  public static void main(String[] args) throws InterruptedException {
    var settings = new HashMap<String, String>();
    for (int i = 2; i < args.length; i++) {
      settings.put(
          args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    var broker = LocalKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), settings);
    System.out.println("BROKER READY " + broker.bootstrapServers() + " " + settings);
    // runs until the benchmark destroys this process; the broker's own hook stops it cleanly
    new CountDownLatch(1).await();
  }
}
