package alerting.systemtests.faults;

import alerting.localinfra.FreePorts;
import alerting.systemtests.faults.InvariantChecker.Kill;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * contact-service in the fault harness: two processes from its exec jar on one real PostgreSQL
 * database ({@link SharedPostgres}: a container where Docker is, else an embedded server; a fresh
 * database per scenario), with a {@link LocalIdentityProvider} in the harness's JVM signing the
 * tokens of the {@link ContactChurn} it runs throughout the scenario, and the {@link
 * ContactInvariants} checked afterwards.
 *
 * <p>It runs in the {@code kill-contact-service} scenario, and in every other one when {@code
 * -Dfault.contact-service=true} (the command's default, see system-tests/pom.xml: "two instances of
 * everything"); {@code -Dfault.churn-tenants} tenants (30) change their contacts.
 */
final class ContactServices implements AutoCloseable {
  static final String CONTACT_SERVICE = "contact-service";

  /** The kill-contact-service scenario's kill comes once this many changes were answered 2xx. */
  static final int KILL_AFTER_CHANGES = 100;

  /**
   * How long a publication may stay incomplete before it counts as stale (failed) and is sent again
   * ({@code spring.modulith.events.staleness.*}). Production's 5 minutes would keep every scenario
   * waiting that long for a killed instance's last publications; 90 s is still above the longest a
   * publication can be on its way (a change sends two, each given up after at most 70 s: Kafka's
   * max.block.ms and the send's 10 s, see contact-service.yml), so no publication still being sent
   * is taken for a stale one. The staleness check and the retry of failed ones run every 10 s
   * instead of every minute and 30 s, for the same reason.
   */
  static final String STALENESS = "90s";

  private final Path dir;
  private final Path root;
  private final SharedPostgres.Database database;
  private final LocalIdentityProvider identity;
  private final List<Integer> ports = List.of(FreePorts.next(), FreePorts.next());
  private final ContactChurn churn;
  private Instant churnStarted;

  static boolean runsIn(Scenario scenario) {
    return scenario == Scenario.KILL_CONTACT_SERVICE
        || Boolean.parseBoolean(System.getProperty("fault.contact-service", "false"));
  }

  ContactServices(Scenario scenario, Path root, Path dir) {
    this.root = root;
    this.dir = dir;
    this.database = SharedPostgres.newDatabase("fault_" + scenario.id);
    this.identity = LocalIdentityProvider.start(FreePorts.next());
    this.churn = new ContactChurn(ports, identity, Integer.getInteger("fault.churn-tenants", 30));
  }

  /** Its two instances, for the harness to start, kill and stop with the others. */
  List<ServiceInstance> instances(String bootstrap, int replicationFactor) {
    var instances = new ArrayList<ServiceInstance>();
    for (var i = 1; i <= 2; i++) {
      var settings = new LinkedHashMap<String, String>();
      settings.put("spring.main.banner-mode", "off");
      settings.put("spring.kafka.bootstrap-servers", bootstrap);
      // how the harness tells the instances apart in the consumer groups
      settings.put("spring.kafka.client-id", CONTACT_SERVICE + "-" + i);
      settings.put("spring.datasource.url", database.url());
      settings.put("spring.datasource.username", database.username());
      settings.put("spring.datasource.password", database.password());
      settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", identity.issuer());
      settings.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", identity.jwkSetUri());
      settings.put(
          "spring.security.oauth2.resourceserver.jwt.audiences", LocalIdentityProvider.AUDIENCE);
      settings.put("alerting.contacts.topics.replication-factor", "" + replicationFactor);
      // see STALENESS
      settings.put("spring.modulith.events.staleness.published", STALENESS);
      settings.put("spring.modulith.events.staleness.processing", STALENESS);
      settings.put("spring.modulith.events.staleness.resubmitted", STALENESS);
      settings.put("spring.modulith.events.staleness.check-interval", "10s");
      settings.put("alerting.contacts.outbox.retry-interval", "10s");
      // the churn's tenants get no scheduled verification drills: their messages would be sends
      // the invariant checker knows nothing of
      settings.put("alerting.contacts.verification.scheduled", "false");
      // no change email is sent by contact-service itself: the dispatchers send them, through the
      // harness's SMTP stand-in
      instances.add(
          new ServiceInstance(
              root,
              CONTACT_SERVICE,
              i,
              ports.get(i - 1),
              FreePorts.next(),
              "256m",
              settings,
              dir.resolve(CONTACT_SERVICE + "-" + i + ".log")));
    }
    return instances;
  }

  /**
   * Provisions the churn's tenants (nothing is published for a tenant until its first change) and
   * starts their changes once {@code incidentQueued}: an incident to all tenants reaches the
   * tenants the dispatcher knows when it is cut into slices, and the churn's tenants must not be
   * among them (their alerts are not the incident's, and nobody would acknowledge them).
   */
  void startChurn(BooleanSupplier incidentQueued) {
    churn.provision();
    org.awaitility.Awaitility.await("the incident to be under way before the contact churn starts")
        .atMost(java.time.Duration.ofMinutes(5))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(incidentQueued::getAsBoolean);
    churnStarted = Instant.now();
    churn.start();
    System.out.printf(
        "contact churn: %d tenants changing their contacts on contact-service 1 and 2%n",
        churn.tenantIds().size());
  }

  /** Changes answered 2xx so far. */
  long accepted() {
    return churn.accepted.get();
  }

  /** The first change instance 1 or 2 (0: either) answered after {@code from}. */
  Instant firstAcceptedBy(int instance, Instant from) {
    return churn.firstAcceptedBy(instance, from);
  }

  /**
   * Stops the churn, once each instance has answered a change after the last kill of one of them
   * (so a restarted instance's recovery is measured).
   */
  void stopChurn(List<Kill> kills) throws InterruptedException {
    var since =
        kills.stream()
            .filter(k -> k.service().equals(CONTACT_SERVICE))
            .map(Kill::goneAt)
            .reduce((a, b) -> b)
            .orElse(churnStarted == null ? Instant.EPOCH : churnStarted);
    churn.stop(since);
    for (var kill : kills) {
      if (kill.service().equals(CONTACT_SERVICE)) {
        var first = churn.firstAcceptedBy(kill.instance(), kill.goneAt());
        System.out.printf(
            "%s-%d answered its first change %s after the kill%n",
            CONTACT_SERVICE,
            kill.instance(),
            first == null
                ? "never"
                : String.format(
                    java.util.Locale.ROOT, "%.1f s", InvariantChecker.seconds(kill.at(), first)));
      }
    }
    System.out.printf(
        "contact churn stopped: %,d changes answered 2xx, %,d sent without an answer, %,d"
            + " refused, %,d requests to the other instance%n",
        churn.accepted.get(),
        churn.noAnswer.get(),
        churn.refused.get(),
        churn.sentToTheOther.get());
  }

  ContactInvariants.Result check(String bootstrap) {
    var result = new ContactInvariants(bootstrap, database, churn).check();
    result.print();
    return result;
  }

  @Override
  public void close() throws InterruptedException {
    churn.close();
    identity.close();
  }
}
