package alerting.contacts.outbox;

import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.ContactAdded;
import alerting.events.ContactRemoved;
import alerting.events.ContactUpdated;
import alerting.events.Event;
import alerting.events.SupportAccessChanged;
import alerting.events.TenantContacts;
import alerting.events.Topic;
import alerting.events.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Forwards every committed event to its topic. The registry records each publication in the
 * changing transaction and marks it complete only when the broker has acknowledged it; one that
 * fails (broker down, crash) is sent again by the periodic retry and at every start-up, so a
 * committed change is published at least once and an uncommitted one never.
 */
@Component
class KafkaOutbox {
  private final KafkaTemplate<String, Event> kafka;
  private final IncompleteEventPublications incomplete;
  private final java.time.Duration retryAfter;

  KafkaOutbox(
      KafkaTemplate<String, Event> kafka,
      IncompleteEventPublications incomplete,
      alerting.contacts.system.ContactServiceSettings settings) {
    this.kafka = kafka;
    this.incomplete = incomplete;
    this.retryAfter = settings.outbox().retryInterval();
  }

  /**
   * Runs on the committing thread, after the commit, in the order the events were published, so a
   * change's steps reach their topic in order (on a pool they raced). A failure here does not undo
   * the commit: the publication stays incomplete and is sent again later.
   */
  @TransactionalEventListener
  void on(Event event) throws InterruptedException, ExecutionException, TimeoutException {
    kafka.send(topicOf(event).name(), event.key(), event).get(10, TimeUnit.SECONDS);
  }

  @Scheduled(fixedDelayString = "${alerting.contacts.outbox.retry-interval:30s}")
  void retryIncomplete() {
    incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
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
    throw new IllegalArgumentException(
        "contact-service does not publish " + event.getClass().getSimpleName());
  }
}
