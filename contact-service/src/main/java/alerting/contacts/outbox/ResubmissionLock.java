package alerting.contacts.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Repository;

/**
 * Lets one instance of the service at a time resubmit failed publications: the instance running the
 * resubmission holds the lock row of {@code outbox_lock} for update, and another instance that
 * finds it held skips its turn instead of sending the same publications again.
 *
 * <p>The lock lives on a connection of its own, outside Spring's transactions: the registry's own
 * updates during the resubmission must commit as they go (they run in transactions of their own
 * that would otherwise wait for this one).
 */
@Repository
class ResubmissionLock {
  private static final String LOCK =
      "select name from outbox_lock where name = 'resubmission' for update skip locked";
  private final DataSource dataSource;

  ResubmissionLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs the task unless another instance is running it now; tells whether it ran. */
  boolean runAlone(Runnable task) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (var statement = connection.createStatement();
            var lock = statement.executeQuery(LOCK)) {
          if (!lock.next()) {
            return false;
          }
        }
        task.run();
        return true;
      } finally {
        // nothing was written: ending the transaction only lets the lock go
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the outbox resubmission lock", e);
    }
  }
}
