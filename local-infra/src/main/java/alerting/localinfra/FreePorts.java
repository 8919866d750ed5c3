package alerting.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that tests and benchmarks start on a fixed number (the local stack, a broker, a
 * service under test).
 *
 * <p>Why not {@code new ServerSocket(0)}: that hands out a port from the operating system's
 * ephemeral range and closes it again, and every outgoing connection (Kafka clients, HTTP clients)
 * takes its local port from that same range — so between choosing and binding, a client could take
 * the port and the server fails with "Address already in use". It happened in CI. These ports come
 * from below the ephemeral range, are checked bindable, and are never handed out twice in one JVM.
 */
public final class FreePorts {
  private static final int LOWEST = 10_000;
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port nothing listens on, outside the ephemeral range, not handed out before in this JVM. */
  public static int next() {
    int ceiling = ephemeralRangeStart();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
      if (handedOut.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port between " + LOWEST + " and " + ceiling);
  }

  private static boolean bindable(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Linux says where its ephemeral range starts; elsewhere assume the IANA one (49152). */
  private static int ephemeralRangeStart() {
    try {
      var range =
          Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return Math.max(LOWEST + 1_000, Integer.parseInt(range[0]));
    } catch (IOException | RuntimeException e) {
      return 49_152;
    }
  }
}
