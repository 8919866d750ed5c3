package alerting.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.testsupport.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * contact-service's schema as production gets it: Flyway on an empty PostgreSQL database, and the
 * local stack's demo tenant on top of it, as docker-compose.yml adds it.
 */
class MigrationsOnPostgresTest {
  /** Where compose mounts the local stack's demo data from (this module's tests run in it). */
  static final Path LOCAL_DEMO = Path.of("..", "local-stack", "src", "main", "resources", "db");

  static final String SCHEMA = "classpath:db/contact-service";

  @Test
  void everyMigrationAppliesToAnEmptyDatabase() {
    var database = newDatabase("migrations");
    var flyway = Flyway.configure().dataSource(database).locations(SCHEMA).load();

    var result = flyway.migrate();

    var shipped = flyway.info().all();
    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(shipped.length).isPositive();
    assertThat(shipped).allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
    assertThat(flyway.info().current().getVersion())
        .isEqualTo(
            Arrays.stream(shipped)
                .map(m -> m.getVersion())
                .max(MigrationVersion::compareTo)
                .orElseThrow());
    var jdbc = JdbcClient.create(database);
    assertThat(
            jdbc.sql(
                    "select data_type from information_schema.columns"
                        + " where table_name = 'event_publication' and column_name = 'id'")
                .query(String.class)
                .single())
        .as("the id Modulith's registry writes a java.util.UUID to")
        .isEqualTo("uuid");
    assertThat(jdbc.sql("select name from outbox_lock").query(String.class).list())
        .containsExactly("resubmission");
    assertThat(flyway.migrate().migrationsExecuted).as("nothing left to apply").isZero();
  }

  @Test
  void theDemoTenantAppliesOnTopAndAgainWhenChangedKeepingWhatWasChangedMeanwhile(
      @TempDir Path changed) throws IOException {
    var database = newDatabase("local_demo");
    var demo = LOCAL_DEMO.resolve("local-demo").toAbsolutePath().normalize();
    assertThat(demo.resolve("R__demo_tenant.sql")).exists();

    var first = Flyway.configure().dataSource(database).locations(SCHEMA, "filesystem:" + demo);
    assertThat(first.load().migrate().success).isTrue();
    var jdbc = JdbcClient.create(database);
    assertThat(people(jdbc)).containsExactly("Ada Lovelace", "Grace Hopper");
    jdbc.sql("update person set display_name = 'Ada King' where person_id = 'ada'").update();

    // an edited demo file (another checksum) is applied again over the data it made before
    Files.writeString(
        changed.resolve("R__demo_tenant.sql"),
        Files.readString(demo.resolve("R__demo_tenant.sql")) + "\n-- edited\n");
    var again =
        Flyway.configure()
            .dataSource(database)
            .locations(SCHEMA, "filesystem:" + changed)
            .load()
            .migrate();

    assertThat(again.success).isTrue();
    assertThat(again.migrationsExecuted).as("the demo tenant, again").isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from tenant").query(Integer.class).single()).isEqualTo(1);
    assertThat(people(jdbc)).containsExactly("Ada King", "Grace Hopper");
  }

  private static java.util.List<String> people(JdbcClient jdbc) {
    return jdbc.sql(
            "select display_name from person where tenant_id = 'acme' order by display_name")
        .query(String.class)
        .list();
  }

  private static DriverManagerDataSource newDatabase(String purpose) {
    var database = SharedPostgres.newDatabase(purpose);
    return new DriverManagerDataSource(database.url(), database.username(), database.password());
  }
}
