package alerting.contacts.securitycontacts;

import alerting.contacts.OnPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link ManagingContactsTest} again, on PostgreSQL: the repositories' SQL, the
 * request worker's claims and the outbox's registry as production runs them.
 */
@DirtiesContext // its database is its own: no later test class would reuse the context
class ManagingContactsOnPostgresTest extends ManagingContactsTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    OnPostgres.register(registry, "managing_contacts");
  }
}
