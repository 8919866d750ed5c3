package alerting.dispatcher.coverage;

import alerting.dispatcher.system.InvalidRequestException;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import java.util.Arrays;
import java.util.Locale;

/**
 * The filters of the alert list: a status, one tenant (exact id), and text that the contact's name,
 * the tenant's id or the tenant's name contains, ignoring case. Absent filters match all.
 */
record AlertQuery(AlertStatus status, String tenant, String text) {

  static AlertQuery parse(String status, String tenant, String q) {
    return new AlertQuery(status(status), blankToNull(tenant), blankToNull(q));
  }

  boolean isEmpty() {
    return status == null && tenant == null && text == null;
  }

  boolean matches(AlertState alert) {
    var b = alert.brief();
    return (status == null || alert.status() == status)
        && (tenant == null || tenant.equals(b.tenantId()))
        && (text == null
            || contains(b.contactName(), text)
            || contains(b.tenantId(), text)
            || contains(b.tenantName(), text));
  }

  /** Case-insensitive "contains" without lower-casing (and copying) every name on the board. */
  static boolean contains(String haystack, String needle) {
    if (needle == null) {
      return true;
    }
    if (haystack == null) {
      return false;
    }
    if (needle.isEmpty()) {
      return true;
    }
    // the first character is checked on its own: most positions fail there, cheaply
    var lower = Character.toLowerCase(needle.charAt(0));
    var upper = Character.toUpperCase(needle.charAt(0));
    for (var i = 0; i <= haystack.length() - needle.length(); i++) {
      var c = haystack.charAt(i);
      if ((c == lower || c == upper)
          && haystack.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  private static AlertStatus status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return AlertStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "status",
          "unknown status '" + value + "'; use one of " + Arrays.toString(AlertStatus.values()));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
