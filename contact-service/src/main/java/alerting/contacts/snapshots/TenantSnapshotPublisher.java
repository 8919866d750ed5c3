package alerting.contacts.snapshots;

import alerting.contacts.securitycontacts.SecurityContacts;
import alerting.contacts.tenants.Tenants;
import alerting.events.Event;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes the tenant's snapshot once the change is committed, so nothing uncommitted is ever
 * published. It waits for the broker's ack so the caller learns of a failure.
 */
@Component
class TenantSnapshotPublisher {
  private final Tenants tenants;
  private final SecurityContacts contacts;
  private final KafkaTemplate<String, Event> kafka;

  TenantSnapshotPublisher(Tenants tenants, SecurityContacts contacts,
      KafkaTemplate<String, Event> kafka) {
    this.tenants = tenants;
    this.contacts = contacts;
    this.kafka = kafka;
  }

  @TransactionalEventListener
  void on(TenantContactsChanged event) throws InterruptedException {
    var tenant = tenants.require(event.tenantId());
    var snapshot = new TenantContacts(UUID.randomUUID(), Instant.now(), tenant.tenantId(),
        tenant.name(), tenant.version(), contacts.ofTenant(tenant.tenantId()), List.of());
    try {
      kafka.send(Topics.CONTACTS_SNAPSHOTS.name(), snapshot.key(), snapshot).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish contacts of " + tenant.tenantId(), e);
    }
  }
}
