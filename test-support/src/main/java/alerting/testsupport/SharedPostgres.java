package alerting.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server per JVM, started on first use and stopped when the JVM exits: a
 * Testcontainers {@code postgres} server when Docker is there (the image production runs), an
 * embedded server from the binaries packaged for Maven otherwise. Tests never share a database:
 * each asks for a {@link #newDatabase new one}, empty, on the shared server.
 */
public final class SharedPostgres {
  /** What docker-compose.yml runs. */
  static final String IMAGE = "postgres:17-alpine";

  /**
   * A test database cannot lose data in a crash that matters: without the flushes to disk the
   * schema migrations and commits of the tests cost less on a shared machine.
   */
  private static final String[][] TEST_SETTINGS = {
    {"fsync", "off"}, {"synchronous_commit", "off"}, {"full_page_writes", "off"}
  };

  private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
  private static final AtomicInteger databases = new AtomicInteger();
  private static Server server;

  private SharedPostgres() {}

  /** Where to reach one database: what {@code spring.datasource.*} needs. */
  public record Database(String name, String url, String username, String password) {}

  /** The server's address, user and password, and the database that always exists. */
  record Server(String host, int port, String username, String password, String adminDatabase) {
    String url(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
  }

  /**
   * A database of its own, created empty on the shared server; its name starts with {@code purpose}
   * (letters, digits and underscores are kept) so a server log tells whose it is.
   */
  public static Database newDatabase(String purpose) {
    var shared = server();
    var name = nameFor(purpose);
    try (var connection =
            DriverManager.getConnection(
                shared.url(shared.adminDatabase()), shared.username(), shared.password());
        var statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return new Database(name, shared.url(name), shared.username(), shared.password());
  }

  static String nameFor(String purpose) {
    var kept = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    // PostgreSQL keeps 63 bytes of a name: the unique end must survive
    var prefix = kept.length() > 40 ? kept.substring(0, 40) : kept;
    return "t_"
        + prefix
        + "_"
        + databases.incrementAndGet()
        + "_"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  static synchronized Server server() {
    if (server == null) {
      server = SharedKafka.dockerAvailable() ? startContainer() : startEmbedded();
    }
    return server;
  }

  private static Server startContainer() {
    var postgres = new PostgreSQLContainer(IMAGE);
    var command = new ArrayList<String>();
    command.add("postgres");
    for (var setting : TEST_SETTINGS) {
      command.add("-c");
      command.add(setting[0] + "=" + setting[1]);
    }
    postgres.withCommand(command.toArray(String[]::new));
    postgres.start();
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "shared-postgres-stop"));
    log.info("Shared PostgreSQL: container {} at {}", IMAGE, postgres.getJdbcUrl());
    return new Server(
        postgres.getHost(),
        postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
        postgres.getUsername(),
        postgres.getPassword(),
        postgres.getDatabaseName());
  }

  private static Server startEmbedded() {
    try {
      var builder = EmbeddedPostgres.builder();
      for (var setting : TEST_SETTINGS) {
        builder.setServerConfig(setting[0], setting[1]);
      }
      // the builder stops the server and deletes its data when the JVM exits; as root it runs the
      // server in a user namespace of its own (PostgreSQL refuses to run as root)
      var postgres = builder.start();
      log.info("Shared PostgreSQL: embedded server on port {}", postgres.getPort());
      return new Server("localhost", postgres.getPort(), "postgres", "", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }
}
