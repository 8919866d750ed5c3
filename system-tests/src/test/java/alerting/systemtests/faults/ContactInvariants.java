package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactRemoved;
import alerting.events.ContactUpdated;
import alerting.events.Event;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import alerting.systemtests.faults.ContactChurn.Change;
import alerting.systemtests.faults.ContactChurn.Known;
import alerting.systemtests.faults.ContactChurn.Seen;
import alerting.testsupport.SharedPostgres;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The "every contact change reached the snapshot topic once, in order", checked after a
 * scenario in which contact-service ran: the {@link ContactChurn}'s changes against {@code
 * contacts.changes.v1} and {@code contacts.snapshots.v1} (read from the start, read_committed,
 * through {@code EventSerde}), and against the database the two instances share.
 *
 * <ul>
 *   <li>every change answered 2xx (or seen on reading back after no answer) is on {@code
 *       contacts.changes.v1} exactly once (else lost or duplicated); one sent without an answer and
 *       not seen at most once; nothing else of the churn's tenants is there (unexpected); and per
 *       tenant they are there in the order they were made;
 *   <li>per tenant, the snapshots' versions on {@code contacts.snapshots.v1} only increase (a
 *       version lower than one before it is a snapshot arriving late), none twice, and the last one
 *       is the tenant's version in the database: what compaction keeps, and what every consumer
 *       ends up with; its contacts are the tenant's contacts as the API lists them.
 * </ul>
 *
 * <p>Before reading, it waits for the outbox to settle (no incomplete publication in the registry),
 * as long as a killed instance's publications take to be found stale and sent again; what is still
 * incomplete then is reported. Versions never published (a version superseded before it was sent)
 * are counted but are not a violation: the change itself is on contacts.changes.v1, and a compacted
 * topic keeps the last snapshot only.
 */
final class ContactInvariants {
  private static final int EXAMPLES = 5;

  record Result(
      int tenants,
      int changes,
      int notSeen,
      int notSeenPublished,
      int notSeenRedone,
      int lost,
      int duplicated,
      int unexpected,
      int outOfOrder,
      int snapshots,
      int duplicateVersions,
      int versionsBackwards,
      int versionsNeverPublished,
      int staleLast,
      int lastNotCurrent,
      int unrecordedChanges,
      int requestsNotWorkedOff,
      int incompletePublications,
      double settleSeconds,
      long sentWithoutAnswer,
      long refused,
      long sentToTheOther,
      long rejectedRequests,
      double longestRequestSeconds,
      Map<String, List<String>> examples) {

    boolean met() {
      return lost == 0
          && duplicated == 0
          && unexpected == 0
          && outOfOrder == 0
          && duplicateVersions == 0
          && versionsBackwards == 0
          && staleLast == 0
          && lastNotCurrent == 0
          && requestsNotWorkedOff == 0
          && incompletePublications == 0;
    }

    /** The report's table cell. */
    String cell() {
      return String.format(
          Locale.ROOT,
          "%,d changes: lost **%d**, duplicated **%d**, out of order **%d**, unexpected **%d**;"
              + " snapshots: late (version going back) **%d**, versions twice **%d**, last not the"
              + " latest **%d**, last not the current contacts **%d**",
          changes,
          lost,
          duplicated,
          outOfOrder,
          unexpected,
          versionsBackwards,
          duplicateVersions,
          staleLast,
          lastNotCurrent);
    }

    /** The report's line under the table. */
    String details() {
      return String.format(
          Locale.ROOT,
          "contact churn on %d tenants: %,d changes recorded (%,d answered 2xx or read back after"
              + " no answer, %,d sent without an answer and not seen, %d of those on the topic, and"
              + " %d more not seen and made again later);"
              + " %,d snapshots; %d versions never published; %d changes the churn did not record"
              + " (database versions beyond them); contact requests rejected %d, not worked off %d,"
              + " longest from 202 to done %.1f s; requests refused (4xx) %,d, handed to the other"
              + " instance %,d; outbox settled %.0f s after the churn stopped, %d publications"
              + " still incomplete",
          tenants,
          changes,
          changes - notSeen,
          notSeen,
          notSeenPublished,
          notSeenRedone,
          snapshots,
          versionsNeverPublished,
          unrecordedChanges,
          rejectedRequests,
          requestsNotWorkedOff,
          longestRequestSeconds,
          refused,
          sentToTheOther,
          settleSeconds,
          incompletePublications);
    }

    void print() {
      System.out.println("contact invariants: " + cell() + "; " + details());
      examples.forEach(
          (kind, list) -> {
            System.out.println("examples of " + kind + ":");
            list.forEach(e -> System.out.println("  " + e));
          });
    }
  }

  private final String bootstrap;
  private final SharedPostgres.Database database;
  private final ContactChurn churn;
  private final Map<String, List<String>> examples = new LinkedHashMap<>();

  ContactInvariants(String bootstrap, SharedPostgres.Database database, ContactChurn churn) {
    this.bootstrap = bootstrap;
    this.database = database;
    this.churn = churn;
  }

  private void example(String kind, String text) {
    var list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.size() < EXAMPLES) {
      list.add(text);
    }
  }

  Result check() {
    var stopped = Instant.now();
    var incomplete = awaitOutboxSettled(Duration.ofMinutes(4));
    var settle = InvariantChecker.seconds(stopped, Instant.now());
    var versions = latestVersions();
    var current = churn.currentContacts();
    var recorded = churn.changes();
    var tenants = recorded.keySet();

    var reader = new InvariantChecker(bootstrap);
    var changeEvents = new HashMap<String, List<String>>();
    for (var r : reader.readAll(Topics.CONTACTS_CHANGES.name())) {
      if (tenants.contains(r.key())) {
        var signature = signature(r.value());
        if (signature != null) {
          changeEvents.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(signature);
        }
      }
    }
    var snapshots = new HashMap<String, List<TenantContacts>>();
    var snapshotCount = 0;
    for (ConsumerRecord<String, Event> r : reader.readAll(Topics.CONTACTS_SNAPSHOTS.name())) {
      if (tenants.contains(r.key()) && r.value() instanceof TenantContacts s) {
        snapshots.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(s);
        snapshotCount++;
      }
    }

    int changes = 0;
    int notSeenRedone = 0;
    int notSeen = 0;
    int notSeenPublished = 0;
    int lost = 0;
    int duplicated = 0;
    int unexpected = 0;
    int outOfOrder = 0;
    int duplicateVersions = 0;
    int backwards = 0;
    int neverPublished = 0;
    int staleLast = 0;
    int lastNotCurrent = 0;
    int unrecorded = 0;
    for (var entry : recorded.entrySet()) {
      var tenant = entry.getKey();
      var made = entry.getValue();
      var onTopic = changeEvents.getOrDefault(tenant, List.of());
      var counts = onTopic.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
      var signatures = new HashSet<String>();
      made.forEach(c -> signatures.add(c.signature()));
      // a change sent without an answer and not seen on reading back, then made again and
      // answered (the admin removes the contact again): the first did not happen, else the second
      // would have been refused; both carry the same signature, the topic's one is the second's
      var redone = new HashSet<String>();
      made.stream()
          .filter(c -> c.known() != Known.NOT_SEEN)
          .forEach(c -> redone.add(c.signature()));
      var kept = new ArrayList<Change>();
      var counted = 0;
      for (var change : made) {
        if (change.known() == Known.NOT_SEEN && redone.contains(change.signature())) {
          notSeenRedone++;
          continue;
        }
        changes++;
        counted++;
        var n = counts.getOrDefault(change.signature(), 0L);
        if (change.known() == Known.NOT_SEEN) {
          notSeen++;
          if (n > 0) {
            notSeenPublished++;
          }
        } else if (n == 0) {
          lost++;
          example("a change made but not on " + Topics.CONTACTS_CHANGES.name(), describe(change));
        }
        if (n > 1) {
          duplicated += (int) (n - 1);
          example(
              "a change on " + Topics.CONTACTS_CHANGES.name() + " more than once",
              describe(change) + " " + n + " times; the tenant's changes there: " + tail(onTopic));
        }
        if (onTopic.contains(change.signature())) {
          kept.add(change);
        }
      }
      // a change is out of order when a change made after it is on the topic before it: each
      // such change counts once, however many it was overtaken by
      Change earliestLater = null;
      var earliestLaterPosition = Integer.MAX_VALUE;
      for (var i = kept.size() - 1; i >= 0; i--) {
        var change = kept.get(i);
        var position = onTopic.indexOf(change.signature());
        if (position > earliestLaterPosition) {
          outOfOrder++;
          example(
              "a change on " + Topics.CONTACTS_CHANGES.name() + " after one made later",
              describe(change) + " is there after " + describe(earliestLater));
        } else {
          earliestLaterPosition = position;
          earliestLater = change;
        }
      }
      for (var signature : onTopic) {
        if (!signatures.contains(signature)) {
          unexpected++;
          example("a change of the churn's tenants nobody made", tenant + " " + signature);
        }
      }

      var latest = versions.getOrDefault(tenant, 0L);
      unrecorded += (int) Math.max(0, latest - counted);
      var published = snapshots.getOrDefault(tenant, List.of());
      var seen = new HashSet<Long>();
      var max = Long.MIN_VALUE;
      for (var s : published) {
        if (!seen.add(s.version())) {
          duplicateVersions++;
          example(
              "a snapshot version twice on " + Topics.CONTACTS_SNAPSHOTS.name(),
              tenant
                  + " version "
                  + s.version()
                  + "; versions in topic order: "
                  + order(published));
        }
        if (s.version() < max) {
          backwards++;
          example(
              "a snapshot after a newer one of the same tenant",
              tenant
                  + " version "
                  + s.version()
                  + " (made "
                  + s.occurredAt()
                  + ") after version "
                  + max
                  + "; versions in topic order: "
                  + order(published)
                  + "; latest in the database "
                  + latest);
        }
        max = Math.max(max, s.version());
      }
      for (var v = 1L; v <= latest; v++) {
        if (!seen.contains(v)) {
          neverPublished++;
        }
      }
      var last = published.isEmpty() ? null : published.get(published.size() - 1);
      if (latest > 0 && (last == null || last.version() != latest)) {
        staleLast++;
        example(
            "a tenant whose last snapshot is not its latest version (compaction keeps the stale one)",
            tenant
                + " last on the topic: "
                + (last == null
                    ? "none"
                    : "version " + last.version() + " made " + last.occurredAt())
                + "; latest in the database "
                + latest
                + "; versions in topic order: "
                + order(published));
      }
      if (last != null) {
        var inSnapshot = Set.copyOf(last.contacts().stream().map(ContactInvariants::seen).toList());
        var listed = Set.copyOf(current.getOrDefault(tenant, List.of()));
        if (!inSnapshot.equals(listed)) {
          lastNotCurrent++;
          example(
              "a tenant whose last snapshot is not its contacts now",
              tenant
                  + " last snapshot (version "
                  + last.version()
                  + "): "
                  + inSnapshot
                  + "; the API lists: "
                  + listed);
        }
      }
    }
    var pending = churn.pendingRequests();
    pending.forEach(p -> example("a contact request never worked off", p));
    churn.examples().forEach((kind, list) -> list.forEach(e -> example(kind, e)));
    return new Result(
        recorded.size(),
        changes,
        notSeen,
        notSeenPublished,
        notSeenRedone,
        lost,
        duplicated,
        unexpected,
        outOfOrder,
        snapshotCount,
        duplicateVersions,
        backwards,
        neverPublished,
        staleLast,
        lastNotCurrent,
        unrecorded,
        pending.size(),
        incomplete,
        settle,
        churn.noAnswer.get(),
        churn.refused.get(),
        churn.sentToTheOther.get(),
        churn.rejectedRequests.get(),
        churn.requestMillis.get() / 1000.0,
        examples);
  }

  /** A change event's signature, as {@link ContactChurn} records its changes. */
  static String signature(Event event) {
    if (event instanceof ContactAdded a) {
      return ContactChurn.added(a.contact().title());
    }
    if (event instanceof ContactUpdated u) {
      return ContactChurn.updated(u.after().title(), seen(u.after()).methods());
    }
    if (event instanceof ContactRemoved r) {
      return ContactChurn.removed(r.before().title());
    }
    return null;
  }

  static Seen seen(Contact c) {
    return new Seen(
        c.contactId(),
        c.title(),
        c.methods().stream().map(m -> m.channel().name() + ":" + m.address()).toList());
  }

  private static String describe(Change c) {
    return c.tenant()
        + " "
        + c.signature()
        + " ("
        + c.known()
        + (c.instance() > 0 ? " by instance " + c.instance() : "")
        + " at "
        + c.at()
        + ")";
  }

  private static String order(List<TenantContacts> snapshots) {
    return tail(snapshots.stream().map(s -> String.valueOf(s.version())).toList());
  }

  private static String tail(List<String> all) {
    return all.size() <= 12
        ? all.toString()
        : "[… " + String.join(", ", all.subList(all.size() - 12, all.size())) + "]";
  }

  /**
   * Waits until the registry holds no incomplete publication (a killed instance's are found stale
   * and sent again by the other's retry), at most {@code atMost}; returns how many are left, and
   * gives examples of them.
   */
  private int awaitOutboxSettled(Duration atMost) {
    try {
      await("contact-service's outbox to settle")
          .atMost(atMost)
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> incompletePublications().isEmpty());
      return 0;
    } catch (ConditionTimeoutException e) {
      List<String> left;
      try {
        left = incompletePublications();
      } catch (SQLException unreadable) {
        example(
            "a publication still incomplete at the check", "registry unreadable: " + unreadable);
        return -1;
      }
      left.stream()
          .limit(EXAMPLES)
          .forEach(p -> example("a publication still incomplete at the check", p));
      return left.size();
    }
  }

  private List<String> incompletePublications() throws SQLException {
    try (var connection =
            DriverManager.getConnection(database.url(), database.username(), database.password());
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select event_type, publication_date, status, completion_attempts"
                    + " from event_publication where completion_date is null"
                    + " order by publication_date")) {
      var left = new ArrayList<String>();
      while (rows.next()) {
        left.add(
            rows.getString(1).replaceFirst(".*\\.", "")
                + " published "
                + rows.getTimestamp(2).toInstant()
                + ", "
                + rows.getString(3)
                + ", attempts "
                + rows.getInt(4));
      }
      return left;
    }
  }

  /** Each tenant's version in the database: the version its last snapshot must have. */
  private Map<String, Long> latestVersions() {
    try (var connection =
            DriverManager.getConnection(database.url(), database.username(), database.password());
        var statement = connection.createStatement();
        var rows = statement.executeQuery("select tenant_id, version from tenant")) {
      var versions = new HashMap<String, Long>();
      while (rows.next()) {
        versions.put(rows.getString(1), rows.getLong(2));
      }
      return versions;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the tenants' versions", e);
    }
  }
}
