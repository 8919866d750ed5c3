package alerting.contacts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import alerting.testsupport.SharedPostgres;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances of the service on one database, each with its lock: while one resubmits failed
 * publications the other skips its turn. On PostgreSQL, what production runs, and on H2, what the
 * service runs on by itself.
 */
class ResubmissionLockTest {

  static Stream<Arguments> databases() {
    var postgres = SharedPostgres.newDatabase("resubmission_lock");
    return Stream.of(
        Arguments.of(
            "PostgreSQL",
            migrated(
                new DriverManagerDataSource(
                    postgres.url(), postgres.username(), postgres.password()))),
        Arguments.of(
            "H2",
            migrated(
                new DriverManagerDataSource(
                    "jdbc:h2:mem:resubmission-lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "sa",
                    ""))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void whileOneInstanceResubmitsTheOtherSkipsItsTurn(String name, DataSource database)
      throws Exception {
    var first = new ResubmissionLock(database);
    var second = new ResubmissionLock(database);
    var resubmitting = new CountDownLatch(1);
    var done = new CountDownLatch(1);

    var thread = Executors.newSingleThreadExecutor();
    try {
      var firstRun =
          CompletableFuture.supplyAsync(
              () ->
                  first.runAlone(
                      () -> {
                        resubmitting.countDown();
                        awaitQuietly(done);
                      }),
              thread);
      assertThat(resubmitting.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(second.runAlone(() -> fail("resubmitted while the other instance did")))
          .as("the other instance holds the lock")
          .isFalse();
      done.countDown();
      assertThat(firstRun.get(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      thread.shutdownNow();
    }

    var ran = new boolean[1];
    assertThat(second.runAlone(() -> ran[0] = true)).isTrue();
    assertThat(ran[0]).as("its turn once the other is done").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aResubmissionThatFailsLetsTheLockGo(String name, DataSource database) {
    var lock = new ResubmissionLock(database);

    assertThatThrownBy(
            () ->
                lock.runAlone(
                    () -> {
                      throw new IllegalStateException("broker unreachable");
                    }))
        .hasMessage("broker unreachable");

    assertThat(new ResubmissionLock(database).runAlone(() -> {})).isTrue();
  }

  private static DataSource migrated(DataSource database) {
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/contact-service")
        .load()
        .migrate();
    return database;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
