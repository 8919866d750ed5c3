package alerting.events;

import java.net.URI;
import java.util.Locale;

/**
 * What incident text may hold, wherever it comes from (REST or a record on {@code incidents.v1}):
 * lengths that fit the tenant-admin banner's columns and a text message, no control or
 * bidi-override characters (NUL breaks what stores the text, an override disguises it), and status
 * pages that are web addresses, since they are put in front of every contact as a link. The JSON
 * Schemas under {@code docs/schemas} state the same limits.
 */
public final class IncidentText {
  public static final int MAX_TITLE = 500;
  public static final int MAX_SUMMARY = 4000;
  public static final int MAX_MESSAGE = 2000;
  public static final int MAX_REASON = 500;
  public static final int MAX_URL = 2000;

  private IncidentText() {}

  /**
   * Why {@code value} is not acceptable text of at most {@code max} characters (line breaks and
   * tabs only where {@code lineBreaks}), or null when it is; null text is for the caller to judge.
   */
  public static String problem(String value, int max, boolean lineBreaks) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      return "must be at most " + max + " characters, was " + value.length();
    }
    return PrintableText.problem(value, lineBreaks);
  }

  /** Why {@code url} is not an http(s) address of at most {@link #MAX_URL} characters, or null. */
  public static String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (url.length() > MAX_URL) {
      return "must be at most " + MAX_URL + " characters";
    }
    try {
      var uri = URI.create(url.strip());
      var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return null;
      }
    } catch (IllegalArgumentException notAUri) {
      // reported below, like any other address that is not a web page
    }
    return "must be an http(s) address of the status page";
  }

  static String checked(String value, String field, int max, boolean lineBreaks) {
    var problem = problem(value, max, lineBreaks);
    if (problem != null) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
    return value;
  }

  static String checkedUrl(String url, String field) {
    var problem = urlProblem(url);
    if (problem != null) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
    return url;
  }
}
