package alerting.dispatcher.sending;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery ids this process has handed to a provider lately, with the provider's reference. If a
 * transaction rolls back after the send, the redelivered record is reported again but not sent
 * again. Bounded: it guards against redelivery soon after, not across restarts.
 */
final class SentDeliveries {
  private static final int CAPACITY = 200_000;
  private final Map<String, String> sent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > CAPACITY;
            }
          });

  Optional<String> providerRef(String deliveryId) {
    return Optional.ofNullable(sent.get(deliveryId));
  }

  void remember(String deliveryId, String providerRef) {
    sent.put(deliveryId, providerRef == null ? "" : providerRef);
  }
}
