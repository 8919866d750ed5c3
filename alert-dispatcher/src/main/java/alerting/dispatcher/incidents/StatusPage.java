package alerting.dispatcher.incidents;

import alerting.dispatcher.system.InvalidRequestException;
import alerting.events.IncidentText;

/**
 * The status page an incident or a follow-up points to: an http(s) address or nothing, since it is
 * put in front of every contact as a link.
 */
final class StatusPage {
  private StatusPage() {}

  /** The address, stripped; null when none was given; a 400 naming statusUrl otherwise. */
  static String checked(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var url = value.strip();
    var problem = IncidentText.urlProblem(url);
    if (problem != null) {
      throw new InvalidRequestException("statusUrl", problem);
    }
    return url;
  }
}
