package alerting.ack.twilio;

import alerting.ack.system.AckReceiverSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Twilio retries a webhook it could not get an answer to, and a captured request can be sent
 * again: its signature has no timestamp. Each request is handled once per key (a message or
 * call sid); a repeat gets the first answer again and publishes nothing. Per instance and
 * bounded: what gets past it (a repeat reaching another instance) is harmless downstream,
 * where a repeated ack is recorded as late and a repeated status changes nothing.
 */
@Component
public class WebhookReplays {
  private final Cache<String, CompletableFuture<String>> answered;
  private final MeterRegistry meters;

  WebhookReplays(AckReceiverSettings settings, MeterRegistry meters) {
    this.answered = Caffeine.newBuilder()
        .maximumSize(settings.limits().trackedKeys())
        .expireAfterWrite(settings.twilio().replayWindow())
        .build();
    this.meters = meters;
  }

  /**
   * The answer to the request named {@code key}: computed by {@code handle} the first time (a
   * concurrent repeat waits for it), remembered afterwards. A failure is not remembered, so
   * Twilio's retry gets another chance. A null key (nothing to tell repeats apart) is always handled.
   */
  public String once(String endpoint, String key, Supplier<String> handle) {
    if (key == null || key.isBlank()) {
      return handle.get();
    }
    var id = endpoint + "|" + key;
    var mine = new CompletableFuture<String>();
    // not Cache.get(key, compute): that would hold a map lock while Kafka confirms the publish
    var earlier = answered.asMap().putIfAbsent(id, mine);
    if (earlier != null) {
      meters.counter("alerting.webhooks.repeated", "endpoint", endpoint).increment();
      try {
        return earlier.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    try {
      var answer = handle.get();
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      answered.asMap().remove(id, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }
}
