package alerting.ack.abuse;

import alerting.ack.system.AckReceiverSettings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per client address and per phone number. Buckets live in a bounded
 * Caffeine cache that forgets idle keys, so a flood from ever-new addresses cannot exhaust memory.
 * The limits are per instance: with n instances behind a balancer a client gets up to n times the
 * budget, which still stops floods; Bucket4j's distributed proxies can share buckets later.
 */
@Component
public class RateLimits {
  /** Which budget a request draws on. */
  public enum Scope {
    LINK_CLIENT,
    WEBHOOK_CLIENT,
    PHONE
  }

  private final AckReceiverSettings.Limits settings;
  private final Cache<String, Bucket> buckets;

  RateLimits(AckReceiverSettings settings) {
    this.settings = settings.limits();
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(this.settings.trackedKeys())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
  }

  /** Takes one token from the bucket of {@code key} in {@code scope}; false when it is empty. */
  public boolean tryAcquire(Scope scope, String key) {
    var bucket = buckets.get(scope + "|" + (key == null ? "" : key), k -> newBucket(scope));
    return bucket.tryConsume(1);
  }

  private Bucket newBucket(Scope scope) {
    var perMinute =
        switch (scope) {
          case LINK_CLIENT -> settings.linkRequestsPerClientPerMinute();
          case WEBHOOK_CLIENT -> settings.webhooksPerClientPerMinute();
          case PHONE -> settings.requestsPerPhonePerMinute();
        };
    // the whole minute's budget may be spent at once (a person double-clicks, Twilio bursts),
    // then it refills gradually rather than all at once at the minute boundary
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }
}
