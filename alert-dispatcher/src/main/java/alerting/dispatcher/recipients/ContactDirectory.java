package alerting.dispatcher.recipients;

import alerting.events.Event;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.kafka.ReplayedTopics;
import alerting.kafka.TopicReplay;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The dispatcher's own view of {@code contacts.snapshots.v1}, rebuilt from Kafka at start-up, so
 * incidents are dispatched while contact-service is down. Asked before it has read the snapshots
 * already on the topic, it waits for them (bounded), so no tenant reads as unknown only because the
 * service has just started.
 */
@Component
public class ContactDirectory {
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Map<String, TenantContacts> tenants = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  ContactDirectory(ReplayedTopics replays) {
    this.replay = replays.follow(Topics.CONTACTS_SNAPSHOTS, this::apply);
  }

  public Optional<TenantContacts> tenant(String tenantId) {
    replay.awaitCaughtUp(CATCH_UP);
    return Optional.ofNullable(tenants.get(tenantId));
  }

  public Collection<TenantContacts> allTenants() {
    replay.awaitCaughtUp(CATCH_UP);
    return tenants.values();
  }

  private void apply(String tenantId, Event event) {
    if (event == null) {
      tenants.remove(tenantId);
    } else if (event instanceof TenantContacts snapshot) {
      tenants.merge(tenantId, snapshot, (old, now) -> now.version() >= old.version() ? now : old);
    }
  }
}
