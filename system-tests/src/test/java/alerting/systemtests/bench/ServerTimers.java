package alerting.systemtests.bench;

import static org.awaitility.Awaitility.await;

import alerting.local.LocalStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The console's and the dispatcher's own {@code http.server.requests} timers, read around a page
 * load, so the browser's server time can be split into the console and the API calls it makes.
 */
final class ServerTimers {
  static final String BOARD = "/incidents/{incidentId}";
  static final String BOARD_POLL = "/incidents/{incidentId}/board";
  static final String[] DISPATCHER_CALLS = {
    "/api/incidents/{incidentId}", "/api/incidents/{incidentId}/alerts"
  };

  /** One load of the board, in milliseconds. */
  record Load(double firstByte, double lastByte, double load, double console, double dispatcher) {}

  /** Requests to one path: how many, and their summed time. */
  record Polls(long count, double totalMs) {
    Polls since(Polls before) {
      return new Polls(count - before.count, totalMs - before.totalMs);
    }

    double meanMs() {
      return count == 0 ? 0 : totalMs / count;
    }
  }

  private final MeterRegistry console;
  private final MeterRegistry dispatcher;

  ServerTimers(LocalStack stack) {
    this.console = stack.service("console").getBean(MeterRegistry.class);
    this.dispatcher = stack.service("alert-dispatcher").getBean(MeterRegistry.class);
  }

  Load time(Supplier<HeadlessChromium.PageTiming> load) {
    var page = of(console, BOARD);
    var calls = of(dispatcher, DISPATCHER_CALLS);
    var timing = load.get();
    // the timer is recorded as the response completes, which may be just after the browser's load
    await("the console's timer")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> of(console, BOARD).count() > page.count());
    var pageNow = of(console, BOARD).since(page);
    var callsNow = of(dispatcher, DISPATCHER_CALLS).since(calls);
    var result =
        new Load(
            timing.firstByte(),
            timing.lastByte(),
            timing.load(),
            pageNow.totalMs(),
            callsNow.totalMs());
    System.out.printf(
        Locale.ROOT,
        "board load: first byte %.1f ms, last byte %.1f ms, console %.1f ms, dispatcher %.1f ms"
            + " (%d calls), whole load %.1f ms%n",
        result.firstByte(),
        result.lastByte(),
        result.console(),
        result.dispatcher(),
        callsNow.count(),
        result.load());
    return result;
  }

  Polls polls() {
    return of(console, BOARD_POLL);
  }

  private static Polls of(MeterRegistry registry, String... uris) {
    long count = 0;
    double nanos = 0;
    for (var uri : uris) {
      for (Timer timer : registry.find("http.server.requests").tag("uri", uri).timers()) {
        count += timer.count();
        nanos += timer.totalTime(TimeUnit.NANOSECONDS);
      }
    }
    return new Polls(count, nanos / 1e6);
  }
}
