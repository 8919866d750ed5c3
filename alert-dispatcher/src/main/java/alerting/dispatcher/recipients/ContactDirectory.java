package alerting.dispatcher.recipients;

import alerting.events.TenantContacts;
import alerting.events.TopicReplay;
import alerting.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's own view of {@code contacts.snapshots.v1}, rebuilt from Kafka at start-up,
 * so incidents are dispatched while contact-service is down. It starts before the listeners, and
 * they start once the snapshots already on the topic have been read.
 */
@Component
public class ContactDirectory implements SmartLifecycle {
  private final Map<String, TenantContacts> tenants = new ConcurrentHashMap<>();
  private final String bootstrapServers;
  private TopicReplay replay;

  ContactDirectory(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public Optional<TenantContacts> tenant(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  public Collection<TenantContacts> allTenants() {
    return tenants.values();
  }

  @Override
  public void start() {
    replay = new TopicReplay(bootstrapServers, Topics.CONTACTS_SNAPSHOTS, (tenantId, event) -> {
      if (event == null) {
        tenants.remove(tenantId);
      } else if (event instanceof TenantContacts snapshot) {
        tenants.merge(tenantId, snapshot, (old, now) -> now.version() >= old.version() ? now : old);
      }
    });
    try {
      replay.start(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    replay.close();
  }

  @Override
  public boolean isRunning() {
    return replay != null;
  }

  /** Before the Kafka listener containers, which start in a later phase. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
