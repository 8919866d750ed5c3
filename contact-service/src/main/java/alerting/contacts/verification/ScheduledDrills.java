package alerting.contacts.verification;

import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.tenants.Tenants;
import alerting.events.VerificationRequested.Trigger;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The verification schedule: each tenant is drilled once a period, in its own slot ({@link
 * DrillSchedule}), unless a drill already ran since that slot. Safe on several instances: a slot's
 * drill is recorded under a unique index, so a second instance taking the same slot rolls back.
 */
@Component
class ScheduledDrills {
  private static final Logger log = LoggerFactory.getLogger(ScheduledDrills.class);
  private final Tenants tenants;
  private final VerificationDrills drills;
  private final DrillRecords records;
  private final DrillSchedule schedule;
  private final boolean enabled;
  private final Clock clock = Clock.systemUTC();

  ScheduledDrills(
      Tenants tenants,
      VerificationDrills drills,
      DrillRecords records,
      ContactServiceSettings settings) {
    this.tenants = tenants;
    this.drills = drills;
    this.records = records;
    var verification = settings.verification();
    this.schedule = new DrillSchedule(verification.schedulePeriod(), verification.scheduleGrace());
    this.enabled = verification.scheduled();
  }

  @Scheduled(
      fixedDelayString = "${alerting.contacts.verification.schedule-check-interval:1m}",
      initialDelayString = "${alerting.contacts.verification.schedule-check-interval:1m}")
  void runDue() {
    if (enabled) {
      runDue(clock.instant());
    }
  }

  /** Starts the drills whose slot passed by {@code now}; returns how many. */
  int runDue(Instant now) {
    var started = 0;
    for (var tenantId : tenants.ids()) {
      var slot = schedule.due(tenantId, now);
      if (slot.isEmpty() || records.drilledSince(tenantId, slot.get())) {
        continue;
      }
      try {
        var drill = drills.start(tenantId, Trigger.SCHEDULE, null, slot.get());
        log.info(
            "scheduled verification drill {} of {}: {} method(s)",
            drill.drillId(),
            tenantId,
            drill.methods());
        started++;
      } catch (DuplicateKeyException takenByAnotherInstance) {
        log.debug("the {} slot of {} was drilled by another instance", slot.get(), tenantId);
      } catch (ErrorResponseException nothingToVerify) {
        // no contact with a method: the tenant is at risk, which the reachability view says
        log.debug("no scheduled drill of {}: {}", tenantId, nothingToVerify.getBody().getDetail());
      }
    }
    return started;
  }
}
