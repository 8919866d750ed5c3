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
import org.springframework.beans.factory.annotation.Autowired;
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

  /**
   * Below the consumer's 5-minute poll interval, so an incident listener waiting here keeps its
   * partitions; no transaction is open yet while it waits (nothing has been sent).
   */
  private static final Duration ALL_TENANTS_CATCH_UP = Duration.ofMinutes(4);

  private final Map<String, TenantContacts> tenants = new ConcurrentHashMap<>();
  private final TopicReplay replay;
  private final Duration allTenantsCatchUp;

  @Autowired
  ContactDirectory(ReplayedTopics replays) {
    this(replays, ALL_TENANTS_CATCH_UP);
  }

  ContactDirectory(ReplayedTopics replays, Duration allTenantsCatchUp) {
    this.replay = replays.follow(Topics.CONTACTS_SNAPSHOTS, this::apply);
    this.allTenantsCatchUp = allTenantsCatchUp;
  }

  public Optional<TenantContacts> tenant(String tenantId) {
    replay.awaitCaughtUp(CATCH_UP);
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /**
   * Every tenant on the topic, once the view has read it to the end it saw at start-up. Unlike
   * {@link #tenant}, this never answers from a partial view: a tenant missing from it would
   * silently drop out of an all-tenants incident, where a listed tenant not read yet waits in the
   * unknown tenants' queue. It throws instead, so the incident is rolled back and read again.
   *
   * @throws IllegalStateException when the view has not caught up within the bound
   */
  public Collection<TenantContacts> allTenants() {
    if (!replay.awaitCaughtUp(allTenantsCatchUp)) {
      throw new IllegalStateException(
          "the contacts view has not read "
              + Topics.CONTACTS_SNAPSHOTS.name()
              + " to its end after "
              + allTenantsCatchUp
              + ": an all-tenants incident would miss the tenants not read yet");
    }
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
