package alerting.escalation.bench;

import alerting.testkit.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The benchmark's broker, in a JVM of its own: {@code BenchBroker <data dir> <port>}. */
public final class BenchBroker {
  private BenchBroker() {}

  public static void main(String[] args) throws InterruptedException {
    var broker = LocalKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
    System.out.println("BROKER READY " + broker.bootstrapServers());
    // runs until the benchmark destroys this process; the broker's own hook stops it cleanly
    new CountDownLatch(1).await();
  }
}
