package alerting.dispatcher.incidents;

import alerting.dispatcher.system.InvalidRequestException;
import java.net.URI;
import java.util.Locale;

/**
 * The status page an incident or a follow-up points to: an http(s) address or nothing, since it
 * is put in front of every contact as a link.
 */
final class StatusPage {
  static final int MAX_URL = 2000;

  private StatusPage() {}

  /** The address, stripped; null when none was given; a 400 naming statusUrl otherwise. */
  static String checked(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var url = value.strip();
    if (url.length() > MAX_URL) {
      throw new InvalidRequestException("statusUrl", "must be at most " + MAX_URL + " characters");
    }
    try {
      var uri = URI.create(url);
      var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (IllegalArgumentException notAUri) {
      // reported below, like any other address that is not a web page
    }
    throw new InvalidRequestException("statusUrl", "must be an http(s) address of the status page");
  }
}
