package alerting.contacts.verification;

import alerting.contacts.notices.Notices;
import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.tenants.People;
import alerting.contacts.tenants.Person;
import alerting.contacts.tenants.Tenants;
import alerting.contacts.verification.ReachabilityPolicy.State;
import alerting.contacts.verification.ReachabilityPolicy.TenantVerdict;
import alerting.events.ContactsReviewRequested;
import alerting.events.IncidentKind;
import alerting.events.NoticePublished;
import alerting.events.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the admins of each tenant at risk to review its security contacts (issue #17, seed 000's
 * review flow): an email (contacts-review-requested.v1, sent by the dispatcher) and an in-product
 * banner, then again after 1, 2, 4 ... days (at most {@code reviewBackoffCap} apart) while the
 * tenant stays at risk. Once it is not, the banner goes and the reminders start over. A tenant is
 * asked once a drill has told (none under way, not one of its methods never drilled): see {@link
 * TenantVerdict#awaitingDrill}.
 */
@Component
class ReviewNudges {
  static final String BANNER_SERIES = "contacts-review-";
  private static final Logger log = LoggerFactory.getLogger(ReviewNudges.class);
  private final TenantRisks risks;
  private final Tenants tenants;
  private final People people;
  private final NudgeRecords records;
  private final Notices notices;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Duration first;
  private final Duration cap;
  private final Clock clock = Clock.systemUTC();

  ReviewNudges(
      TenantRisks risks,
      Tenants tenants,
      People people,
      NudgeRecords records,
      Notices notices,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      ContactServiceSettings settings) {
    this.risks = risks;
    this.tenants = tenants;
    this.people = people;
    this.records = records;
    this.notices = notices;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.first = settings.verification().reviewBackoff();
    this.cap = settings.verification().reviewBackoffCap();
  }

  /** How long after the {@code reminders}-th reminder the next one is due. */
  static Duration backoff(Duration first, Duration cap, int reminders) {
    var doubled = first.multipliedBy(1L << Math.min(20, Math.max(0, reminders - 1)));
    return doubled.compareTo(cap) > 0 ? cap : doubled;
  }

  @Scheduled(
      fixedDelayString = "${alerting.contacts.verification.review-check-interval:1h}",
      initialDelayString = "${alerting.contacts.verification.review-check-interval:1h}")
  void run() {
    run(clock.instant());
  }

  /** Asks or reminds the admins of every tenant at risk whose reminder is due; returns how many. */
  int run(Instant now) {
    var asked = 0;
    var nudged = records.all();
    for (var entry : risks.all().entrySet()) {
      var tenantId = entry.getKey();
      var verdict = entry.getValue();
      if (!actionable(verdict, Optional.ofNullable(nudged.get(tenantId)), now)) {
        continue;
      }
      try {
        var done = transaction.execute(tx -> nudge(tenantId, verdict, now));
        asked += Boolean.TRUE.equals(done) ? 1 : 0;
      } catch (DuplicateKeyException takenByAnotherInstance) {
        log.debug("tenant {}'s first review request was sent by another instance", tenantId);
      }
    }
    return asked;
  }

  /**
   * Whether a tenant may have a banner to clear or a reminder due, from the records read before the
   * run: a transaction each for the others (most tenants, most runs) would cost a run over 20,000
   * tenants seconds. {@link #nudge} decides again, on the records as they are then.
   */
  private boolean actionable(
      TenantVerdict verdict, Optional<NudgeRecords.Nudge> seen, Instant now) {
    if (!verdict.atRisk()) {
      return seen.isPresent();
    }
    return !verdict.awaitingDrill()
        && seen.map(n -> !now.isBefore(n.lastAt().plus(backoff(first, cap, n.reminders()))))
            .orElse(true);
  }

  private boolean nudge(String tenantId, TenantVerdict verdict, Instant now) {
    if (!verdict.atRisk()) {
      if (records.clear(tenantId)) {
        notices.clear(tenantId, BANNER_SERIES + tenantId);
        log.info("tenant {} is no longer at risk: review banner cleared", tenantId);
      }
      return false;
    }
    if (verdict.awaitingDrill()) {
      // a drill's outcome, not the absence of one, is what a review request reports
      return false;
    }
    var seen = records.find(tenantId);
    if (seen.isPresent()
        && now.isBefore(seen.get().lastAt().plus(backoff(first, cap, seen.get().reminders())))) {
      return false;
    }
    if (!records.claim(tenantId, seen, now)) {
      return false;
    }
    var reminder = seen.map(n -> n.reminders() + 1).orElse(1);
    var tenant = tenants.require(tenantId);
    var stale = new ArrayList<String>();
    for (var contact : verdict.contacts()) {
      for (var method : contact.methods()) {
        if (method.state() == State.STALE) {
          stale.add(
              contact.displayName()
                  + ", "
                  + method.method().channel()
                  + " "
                  + method.method().address()
                  + ": "
                  + method.reason());
        }
      }
    }
    List<String> admins =
        people.admins(tenantId).stream().map(Person::email).filter(Objects::nonNull).toList();
    events.publishEvent(
        new ContactsReviewRequested(
            UUID.randomUUID(),
            now,
            tenantId,
            tenant.name(),
            reminder,
            verdict.risks(),
            stale,
            admins));
    notices.replace(
        BANNER_SERIES + tenantId,
        new NoticePublished(
            UUID.randomUUID(),
            now,
            BANNER_SERIES + tenantId + "-" + reminder,
            tenantId,
            null,
            IncidentKind.PRODUCT_RECOMMENDATION,
            Severity.MEDIUM,
            "Review your security contacts",
            "We may not be able to reach you about a security incident: "
                + String.join("; ", verdict.risks())
                + ". Update your security contacts and start a verification.",
            null));
    log.info(
        "tenant {} at risk: review request {} sent to {} admin(s)",
        tenantId,
        reminder,
        admins.size());
    return true;
  }
}
