package alerting.dispatcher.fanout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * This process learns the alerts it opens when their transaction commits, so reading them back from
 * {@code alerts.v1} would only parse every alert of a mass incident a second time. An {@code
 * AlertOpened} of an alert already known is recognised from its bytes and left unparsed; any other
 * record, and every record the check cannot place, is parsed as usual.
 */
final class KnownAlerts {
  /** Jackson writes the type id first; a record written otherwise is simply parsed. */
  private static final byte[] ALERT_OPENED_PREFIX =
      "{\"type\":\"alert-opened.v1\"".getBytes(StandardCharsets.UTF_8);

  private KnownAlerts() {}

  static boolean isKnownAlertOpened(String key, byte[] value, Predicate<String> alreadyOpened) {
    return key != null
        && value != null
        && value.length > ALERT_OPENED_PREFIX.length
        && Arrays.equals(
            value,
            0,
            ALERT_OPENED_PREFIX.length,
            ALERT_OPENED_PREFIX,
            0,
            ALERT_OPENED_PREFIX.length)
        && alreadyOpened.test(key);
  }
}
