package alerting.contacts.verification;

import alerting.contacts.securitycontacts.SecurityContacts;
import alerting.contacts.system.ConflictException;
import alerting.contacts.tenants.Tenants;
import alerting.events.VerificationRequested;
import alerting.events.VerificationRequested.Target;
import alerting.events.VerificationRequested.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a verification drill starts: every method of every security contact of the tenant, once,
 * recorded with the alert that will verify it and published (through the outbox, in the same
 * transaction) as {@link VerificationRequested} for the dispatcher to send.
 */
@Service
public class VerificationDrills {
  private final Tenants tenants;
  private final SecurityContacts contacts;
  private final DrillRecords records;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();

  VerificationDrills(
      Tenants tenants,
      SecurityContacts contacts,
      DrillRecords records,
      ApplicationEventPublisher events) {
    this.tenants = tenants;
    this.contacts = contacts;
    this.records = records;
    this.events = events;
  }

  public record Drill(
      String drillId,
      String tenantId,
      Trigger trigger,
      String requestedBy,
      Instant requestedAt,
      int methods) {}

  /** Starts a drill of the tenant's contacts as they are now. */
  @Transactional
  public Drill start(String tenantId, Trigger trigger, String requestedBy) {
    return start(tenantId, trigger, requestedBy, null);
  }

  /** As {@link #start(String, Trigger, String)}, for the schedule's {@code slot}. */
  @Transactional
  public Drill start(String tenantId, Trigger trigger, String requestedBy, Instant slot) {
    var tenant = tenants.require(tenantId);
    var targets =
        contacts.ofTenant(tenantId).stream()
            .flatMap(
                c ->
                    c.methods().stream()
                        .distinct()
                        .map(m -> new Target(c.contactId(), c.displayName(), m)))
            .toList();
    if (targets.isEmpty()) {
      throw new ConflictException(
          tenantId + " has no security contact with a contact method to verify");
    }
    var drill =
        new Drill(
            UUID.randomUUID().toString(),
            tenantId,
            trigger,
            requestedBy,
            clock.instant(),
            targets.size());
    records.add(drill, slot, targets);
    events.publishEvent(
        new VerificationRequested(
            UUID.randomUUID(),
            drill.requestedAt(),
            drill.drillId(),
            tenantId,
            tenant.name(),
            trigger,
            requestedBy,
            targets));
    return drill;
  }

  /** The tenant's latest drills, newest first. */
  public List<Drill> recent(String tenantId, int limit) {
    return records.recent(tenantId, limit);
  }
}
