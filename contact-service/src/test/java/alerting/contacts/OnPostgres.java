package alerting.contacts;

import alerting.testsupport.SharedPostgres;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test's service on PostgreSQL, what production runs, instead of the embedded H2: on a
 * database of its own on the shared server, created empty when the test's context starts.
 */
public final class OnPostgres {
  private OnPostgres() {}

  /** For a {@code @DynamicPropertySource}: the service's data source and its consumer groups. */
  public static SharedPostgres.Database register(DynamicPropertyRegistry registry, String purpose) {
    var database = SharedPostgres.newDatabase(purpose);
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    // the H2 tests' service stays up meanwhile, on the same broker but another database: in its
    // consumer groups it would take in acknowledgments meant for this one
    registry.add(
        "alerting.contacts.consumer-group-prefix", () -> "contact-service-" + database.name());
    return database;
  }

  /** The same as command-line arguments, for a service started with its main class. */
  public static List<String> arguments(String purpose) {
    var database = SharedPostgres.newDatabase(purpose);
    return List.of(
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.username(),
        "--spring.datasource.password=" + database.password(),
        "--alerting.contacts.consumer-group-prefix=contact-service-" + database.name());
  }
}
