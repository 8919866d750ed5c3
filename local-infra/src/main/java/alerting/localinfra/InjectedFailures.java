package alerting.localinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the stand-in's REST API fail the next requests the way Twilio does (429 throttling, 5xx
 * outages, 400 with an error code), so senders' retry and failure handling can be tested.
 */
final class InjectedFailures {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Deque<int[]> pending = new ArrayDeque<>();
  private final List<Window> windows = new ArrayList<>();

  /** Every request from {@code from} until {@code until} fails so: an outage, a throttled spell. */
  private record Window(Instant from, Instant until, int[] failure) {}

  synchronized void failNext(int httpStatus, int twilioErrorCode, int times) {
    failNext(httpStatus, twilioErrorCode, times, -1);
  }

  /**
   * Like {@link #failNext(int, int, int)}, answering with {@code Retry-After: retryAfterSeconds}
   * (none when negative).
   */
  synchronized void failNext(
      int httpStatus, int twilioErrorCode, int times, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      pending.add(new int[] {httpStatus, twilioErrorCode, retryAfterSeconds});
    }
  }

  /**
   * Every API request from {@code from} until {@code until} fails with {@code httpStatus} and the
   * Twilio error {@code twilioErrorCode} ({@code Retry-After} when {@code retryAfterSeconds} is not
   * negative), whatever {@link #failNext} queued.
   */
  synchronized void failBetween(
      Instant from, Instant until, int httpStatus, int twilioErrorCode, int retryAfterSeconds) {
    windows.add(
        new Window(from, until, new int[] {httpStatus, twilioErrorCode, retryAfterSeconds}));
  }

  private synchronized int[] take() {
    Instant now = Instant.now();
    windows.removeIf(w -> !w.until().isAfter(now));
    for (Window window : windows) {
      if (!now.isBefore(window.from())) {
        return window.failure();
      }
    }
    return pending.poll();
  }

  HttpHandler around(HttpHandler api) {
    return exchange -> {
      int[] failure = "POST".equals(exchange.getRequestMethod()) ? take() : null;
      if (failure == null) {
        api.handle(exchange);
      } else {
        if (failure[2] >= 0) {
          exchange.getResponseHeaders().set("Retry-After", Integer.toString(failure[2]));
        }
        respond(exchange, failure[0], failure[1]);
      }
    };
  }

  private static void respond(HttpExchange exchange, int status, int code) throws IOException {
    exchange.getRequestBody().readAllBytes();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("code", code);
    json.put("message", "injected failure " + code);
    json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    json.put("status", status);
    HttpPages.respond(exchange, status, "application/json", JSON.writeValueAsString(json));
  }
}
