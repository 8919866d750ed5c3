package alerting.dispatcher.recipients;

import alerting.events.Event;
import alerting.events.TenantContacts;
import alerting.events.TopicReplay;
import alerting.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's own view of {@code contacts.snapshots.v1}, rebuilt from Kafka at start-up,
 * so incidents are dispatched while contact-service is down. It is built before the listeners
 * start, from the snapshots already on the topic.
 */
@Component
public class ContactDirectory implements AutoCloseable {
  private final Map<String, TenantContacts> tenants = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  ContactDirectory(KafkaProperties kafka) {
    this.replay = TopicReplay.follow(kafka.buildConsumerProperties(), Topics.CONTACTS_SNAPSHOTS,
        Duration.ofSeconds(30), this::apply);
  }

  public Optional<TenantContacts> tenant(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  public Collection<TenantContacts> allTenants() {
    return tenants.values();
  }

  private void apply(String tenantId, Event event) {
    if (event == null) {
      tenants.remove(tenantId);
    } else if (event instanceof TenantContacts snapshot) {
      tenants.merge(tenantId, snapshot, (old, now) -> now.version() >= old.version() ? now : old);
    }
  }

  @Override
  public void close() {
    replay.close();
  }
}
