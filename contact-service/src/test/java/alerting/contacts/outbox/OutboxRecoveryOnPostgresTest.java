package alerting.contacts.outbox;

import alerting.contacts.OnPostgres;
import java.util.List;

/** {@link OutboxRecoveryTest} on PostgreSQL: the registry's table as production has it. */
class OutboxRecoveryOnPostgresTest extends OutboxRecoveryTest {

  @Override
  protected List<String> database() {
    return OnPostgres.arguments("outbox_recovery");
  }
}
