package alerting.systemtests.faults;

import alerting.localinfra.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The fault harness's broker, in a JVM of its own so that killing a service never takes the broker
 * down with it: {@code BrokerProcess <data dir> <port> [broker.setting=value ...]}. The same
 * pattern as the escalation worker's timer benchmark broker, kept here so system-tests depends on
 * no other module's test classes.
 */
public final class BrokerProcess {
  static final String READY = "BROKER READY";

  private BrokerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    var settings = new HashMap<String, String>();
    for (int i = 2; i < args.length; i++) {
      settings.put(
          args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
    }
    var broker = LocalKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), settings);
    System.out.println(READY + " " + broker.bootstrapServers() + " " + settings);
    // runs until the harness destroys this process; the broker's own hook stops it cleanly
    new CountDownLatch(1).await();
  }
}
