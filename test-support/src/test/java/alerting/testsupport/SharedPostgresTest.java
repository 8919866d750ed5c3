package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SharedPostgresTest {

  @Test
  void startsOneServerPerJvm() {
    assertThat(SharedPostgres.server()).isSameAs(SharedPostgres.server());
  }

  @Test
  void everyDatabaseIsNewEmptyAndSeparateFromTheOthers() throws SQLException {
    var first = SharedPostgres.newDatabase("shared-postgres test");
    var second = SharedPostgres.newDatabase("shared-postgres test");
    assertThat(first.name()).isNotEqualTo(second.name()).startsWith("t_shared_postgres_test_");

    try (var connection = connect(first)) {
      connection.createStatement().execute("create table note (text varchar(20))");
      connection.createStatement().execute("insert into note values ('only here')");
    }
    try (var connection = connect(second);
        var tables =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from information_schema.tables where table_schema = 'public'")) {
      tables.next();
      assertThat(tables.getInt(1)).isZero();
    }
  }

  @Test
  void aLongPurposeStillGivesANamePostgresKeepsWhole() {
    var name = SharedPostgres.nameFor("x".repeat(200));
    assertThat(name.length()).isLessThanOrEqualTo(63);
    assertThat(SharedPostgres.nameFor("x".repeat(200))).isNotEqualTo(name);
  }

  private static Connection connect(SharedPostgres.Database database) throws SQLException {
    return DriverManager.getConnection(database.url(), database.username(), database.password());
  }
}
