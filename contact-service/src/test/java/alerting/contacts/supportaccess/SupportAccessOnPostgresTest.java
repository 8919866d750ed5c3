package alerting.contacts.supportaccess;

import alerting.contacts.OnPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every test of {@link SupportAccessTest} again, on PostgreSQL. */
@DirtiesContext // its database is its own: no later test class would reuse the context
class SupportAccessOnPostgresTest extends SupportAccessTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    OnPostgres.register(registry, "support_access");
  }
}
