package alerting.contacts.outbox;

import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.ContactAdded;
import alerting.events.ContactRemoved;
import alerting.events.ContactUpdated;
import alerting.events.ContactsReviewRequested;
import alerting.events.Event;
import alerting.events.SupportAccessChanged;
import alerting.events.TenantContacts;
import alerting.events.Topic;
import alerting.events.Topics;
import alerting.events.VerificationRequested;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forwards every committed event to its topic. The registry records each publication in the
 * changing transaction and marks it complete only when the broker has acknowledged it; one that
 * fails (broker down) is sent again by the periodic retry, and one left behind by a crash is marked
 * failed once stale ({@code spring.modulith.events.staleness}) and then retried, so a committed
 * change is published at least once and an uncommitted one never.
 *
 * <p>Safe with several instances on one database (docs/adr/0012): the retry takes only failed
 * publications, never one another instance is sending, and one instance at a time runs it.
 *
 * <p>A tenant's snapshot is sent only while it is the tenant's current version, checked with the
 * tenant's row locked until the broker has it, so the last snapshot on the compacted topic is
 * always the tenant's latest. A publication sent late (left behind by a killed instance and sent
 * again once stale, minutes later; or the loser of two changes committed together on two instances)
 * would otherwise land after a newer snapshot, and compaction would keep the stale one for good. A
 * superseded snapshot is dropped: the newer one's own publication carries the state, and the change
 * itself is on contacts.changes.v1 (found by the fault harness, docs/reliability.md).
 */
@Component
class KafkaOutbox {
  private static final Logger log = LoggerFactory.getLogger(KafkaOutbox.class);
  private final KafkaTemplate<String, Event> kafka;
  private final FailedEventPublications failed;
  private final ResubmissionLock lock;
  private final TenantVersions versions;

  /**
   * Its own transaction: the listener runs after the change's commit (or from the retry, outside
   * any), where only a new transaction can take a lock.
   */
  private final TransactionTemplate newTransaction;

  KafkaOutbox(
      KafkaTemplate<String, Event> kafka,
      FailedEventPublications failed,
      ResubmissionLock lock,
      TenantVersions versions,
      PlatformTransactionManager transactions) {
    this.kafka = kafka;
    this.failed = failed;
    this.lock = lock;
    this.versions = versions;
    this.newTransaction = new TransactionTemplate(transactions);
    newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Runs on the committing thread, after the commit, in the order the events were published, so a
   * change's steps reach their topic in order (on a pool they raced). A failure here does not undo
   * the commit: the publication stays incomplete and is sent again later.
   */
  @TransactionalEventListener
  void on(Event event) throws InterruptedException, ExecutionException, TimeoutException {
    if (event instanceof TenantContacts snapshot) {
      sendUnlessSuperseded(snapshot);
    } else {
      send(event);
    }
  }

  private void send(Event event) throws InterruptedException, ExecutionException, TimeoutException {
    kafka.send(topicOf(event).name(), event.key(), event).get(10, TimeUnit.SECONDS);
  }

  /**
   * Sends the snapshot if no newer version of the tenant exists, holding the tenant's row until the
   * broker has it: a change committed meanwhile waits, and its snapshot follows this one.
   */
  private void sendUnlessSuperseded(TenantContacts snapshot) {
    var sent =
        newTransaction.execute(
            tx -> {
              var current = versions.lock(snapshot.tenantId()).orElse(snapshot.version());
              if (current > snapshot.version()) {
                return false;
              }
              try {
                send(snapshot);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted sending " + snapshot.eventId(), e);
              } catch (ExecutionException | TimeoutException e) {
                // the publication stays incomplete and is sent again later
                throw new IllegalStateException("could not send " + snapshot.eventId(), e);
              }
              return true;
            });
    if (!Boolean.TRUE.equals(sent)) {
      log.info(
          "Snapshot version {} of {} not sent: a newer version exists and is published on its own",
          snapshot.version(),
          snapshot.tenantId());
    }
  }

  /**
   * Sends the failed publications again, also right after start-up. Only failed ones: a publication
   * still published or processing may be on its way to the broker from another instance right now
   * (what Modulith's republish-on-restart and resubmit-older-than would send a second time).
   */
  @Scheduled(fixedDelayString = "${alerting.contacts.outbox.retry-interval:30s}")
  void retryFailed() {
    lock.runAlone(() -> failed.resubmit(ResubmissionOptions.defaults()));
  }

  static Topic topicOf(Event event) {
    if (event instanceof TenantContacts) {
      return Topics.CONTACTS_SNAPSHOTS;
    }
    if (event instanceof ContactAdded
        || event instanceof ContactUpdated
        || event instanceof ContactRemoved) {
      return Topics.CONTACTS_CHANGES;
    }
    if (event instanceof SupportAccessChanged) {
      return Topics.SUPPORT_ACCESS;
    }
    if (event instanceof ConfirmationRequested || event instanceof ConfirmationClosed) {
      return Topics.SUPPORT_ACCESS_CONFIRMATIONS;
    }
    if (event instanceof VerificationRequested) {
      return Topics.VERIFICATIONS;
    }
    if (event instanceof ContactsReviewRequested) {
      return Topics.CONTACTS_REVIEWS;
    }
    throw new IllegalArgumentException(
        "contact-service does not publish " + event.getClass().getSimpleName());
  }
}
