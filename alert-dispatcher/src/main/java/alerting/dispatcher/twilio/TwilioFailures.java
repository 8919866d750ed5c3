package alerting.dispatcher.twilio;

import alerting.dispatcher.sending.ProviderResult;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;

/**
 * Reads a Twilio failure: throttling (429), Twilio's own trouble (5xx) and unreachable API are
 * transient; everything else (invalid or unsubscribed number, 21211, 21610 …) is permanent.
 */
public final class TwilioFailures {
  private TwilioFailures() {}

  public static ProviderResult classify(TwilioException e) {
    if (e instanceof ApiConnectionException) {
      return new ProviderResult.Transient("Twilio unreachable: " + e.getMessage());
    }
    if (e instanceof ApiException api) {
      var status = api.getHttpStatusCode() != null ? api.getHttpStatusCode()
          : api.getStatusCode() == null ? 0 : api.getStatusCode();
      var reason = "Twilio " + status + (api.getCode() == null ? "" : " error " + api.getCode())
          + ": " + api.getMessage();
      return status == 429 || status >= 500 || status == 0
          ? new ProviderResult.Transient(reason) : new ProviderResult.Permanent(reason);
    }
    return new ProviderResult.Transient("Twilio: " + e.getMessage());
  }
}
