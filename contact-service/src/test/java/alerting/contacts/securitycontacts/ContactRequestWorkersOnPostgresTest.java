package alerting.contacts.securitycontacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.OnPostgres;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the service working off one database's contact requests at the same time, as two
 * workers racing over the same waiting requests: each request is worked off exactly once.
 */
@DirtiesContext // its database is its own: no later test class would reuse the context
class ContactRequestWorkersOnPostgresTest extends ContactServiceTest {
  static final int REQUESTS = 40;

  @Autowired ContactRequests requests;
  @Autowired SecurityContactService service;
  @Autowired ContactMethodParser methods;
  @Autowired TransactionTemplate transactions;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    OnPostgres.register(registry, "request_workers");
    // the service's own scheduled worker runs once at start-up, before there is anything to do,
    // and then stays out of the race: only the test's two workers take part
    registry.add("alerting.contacts.requests.poll-interval", () -> "1h");
  }

  @Test
  void twoWorkersOnOneDatabaseWorkOffEachRequestExactlyOnce() throws Exception {
    var tenant = newTenant();
    for (int i = 0; i < REQUESTS; i++) {
      // no email: a request worked off twice would add a second person rather than be refused
      var accepted =
          call(
              "POST",
              "/api/tenants/" + tenant + "/contact-requests",
              adminOf(tenant),
              """
              {"displayName":"Person %d","roles":["PRIMARY_IT"],
               "methods":[{"channel":"EMAIL","address":"person%d@outside.example"}]}"""
                  .formatted(i, i));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }

    var start = new CyclicBarrier(2);
    // threads of their own: the common pool may have a single one on a small machine
    var threads = Executors.newFixedThreadPool(2);
    int finished;
    try {
      var first = race(newWorker(), start, tenant, threads);
      var second = race(newWorker(), start, tenant, threads);
      finished = first.get(90, TimeUnit.SECONDS) + second.get(90, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    assertThat(finished).as("requests finished by either worker").isEqualTo(REQUESTS);
    assertThat(count("select count(*) from contact_request where tenant_id = ?", tenant))
        .isEqualTo(REQUESTS);
    assertThat(
            count(
                "select count(*) from contact_request where tenant_id = ? and status = 'COMPLETED'",
                tenant))
        .isEqualTo(REQUESTS);
    assertThat(
            count(
                "select count(*) from person where tenant_id = ? and user_account = false", tenant))
        .as("one person added per request")
        .isEqualTo(REQUESTS);
    assertThat(
            count(
                "select count(*) from change_history where tenant_id = ? and action = 'ADDED'",
                tenant))
        .isEqualTo(REQUESTS);
  }

  private ContactRequestWorker newWorker() {
    return new ContactRequestWorker(requests, service, methods, transactions, json);
  }

  /** Works off rounds until none of the tenant's requests waits; how many this worker finished. */
  private CompletableFuture<Integer> race(
      ContactRequestWorker worker, CyclicBarrier start, String tenant, Executor threads) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("the other worker did not start", e);
          }
          // a request that could never be worked off must fail the test, not keep it running
          var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          int finished = 0;
          while (count(
                      "select count(*) from contact_request where tenant_id = ? and status = 'RECEIVED'",
                      tenant)
                  > 0
              && System.nanoTime() < deadline) {
            finished += worker.workOffWaiting();
          }
          return finished;
        },
        threads);
  }

  private int count(String sql, String tenant) {
    return jdbc.sql(sql).param(tenant).query(Integer.class).single();
  }
}
