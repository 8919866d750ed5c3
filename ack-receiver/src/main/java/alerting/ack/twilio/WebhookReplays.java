package alerting.ack.twilio;

import alerting.ack.system.AckReceiverSettings;
import alerting.ack.system.ReplayLog;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Twilio retries a webhook it could not get an answer to, and a captured request can be sent again:
 * its signature has no timestamp. Each request is acted on once per key (a message or call sid)
 * within the replay window (alerting.ack.twilio.replay-window, 24 h), by whichever instance claims
 * it first in the shared {@link ReplayLog}; a repeat, here, on another instance or after a restart,
 * gets the first answer again and publishes nothing.
 */
@Component
public class WebhookReplays {
  private final Cache<String, CompletableFuture<String>> inFlight;
  private final ReplayLog log;
  private final Meter.MeterProvider<Counter> repeats;

  /** The webhooks that are acted on once, their repeat counters registered at zero. */
  static final List<String> ENDPOINTS =
      List.of("/twilio/sms", "/twilio/voice", "/twilio/voice/gather", "/twilio/status");

  WebhookReplays(AckReceiverSettings settings, ReplayLog log, MeterRegistry meters) {
    // a concurrent repeat on this instance waits for the first answer rather than hearing "pending"
    this.inFlight =
        Caffeine.newBuilder()
            .maximumSize(settings.limits().trackedKeys())
            .expireAfterWrite(settings.twilio().replayWindow())
            .build();
    this.log = log;
    this.repeats =
        Counter.builder("alerting.webhooks.repeated")
            .description(
                "Twilio webhooks received again for a request already acted on (Twilio's retry or a"
                    + " replay): answered as the first time, nothing published")
            .withRegistry(meters);
    ENDPOINTS.forEach(endpoint -> repeats.withTags("endpoint", endpoint));
  }

  /**
   * The answer to the request named {@code key}: computed by {@code handle} the first time (a
   * concurrent repeat here waits for it), the recorded answer afterwards. A failure is not
   * remembered, so Twilio's retry gets another chance. A null key (nothing to tell repeats apart)
   * is always handled.
   */
  public String once(String endpoint, String key, Supplier<String> handle) {
    if (key == null || key.isBlank()) {
      return handle.get();
    }
    var id = requestHash(endpoint, key);
    var mine = new CompletableFuture<String>();
    // not Cache.get(key, compute): that would hold a map lock while Kafka confirms the publish
    var earlier = inFlight.asMap().putIfAbsent(id, mine);
    if (earlier != null) {
      repeated(endpoint);
      try {
        return earlier.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    ReplayLog.Claimed claim = null;
    try {
      var decision = log.claim(id);
      if (decision instanceof ReplayLog.AnsweredBefore before) {
        repeated(endpoint);
        mine.complete(before.answer());
        return before.answer();
      }
      claim = (ReplayLog.Claimed) decision;
      var answer = handle.get();
      log.answered(id, claim, answer);
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      if (claim != null) {
        log.release(id, claim);
      }
      inFlight.asMap().remove(id, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private void repeated(String endpoint) {
    repeats.withTags("endpoint", endpoint).increment();
  }

  /** The log's key: a hash, so it holds no sids and every key has the same size. */
  static String requestHash(String endpoint, String key) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256")
              .digest((endpoint + "|" + key).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
