package alerting.dispatcher.twilio;

import alerting.dispatcher.sending.ProviderResult;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;

/**
 * Reads a Twilio failure: throttling (429, with the response's Retry-After) asks the channel to
 * slow down; Twilio's own trouble (5xx, which slows the channel down too) and an unreachable API
 * are transient; everything else (invalid or unsubscribed number, 21211, 21610 …) is permanent.
 */
public final class TwilioFailures {
  private TwilioFailures() {}

  public static ProviderResult classify(TwilioException e) {
    if (e instanceof ApiConnectionException) {
      return new ProviderResult.Transient("Twilio unreachable: " + e.getMessage());
    }
    if (e instanceof ApiException api) {
      var status =
          api.getHttpStatusCode() != null
              ? api.getHttpStatusCode()
              : api.getStatusCode() == null ? 0 : api.getStatusCode();
      var reason =
          "Twilio "
              + status
              + (api.getCode() == null ? "" : " error " + api.getCode())
              + ": "
              + api.getMessage();
      var retryAfter = RetryAfter.take();
      if (status == 429) {
        return new ProviderResult.Throttled(reason, retryAfter);
      }
      return status >= 500
          ? new ProviderResult.Transient(reason, true)
          : status == 0
              ? new ProviderResult.Transient(reason)
              : new ProviderResult.Permanent(reason);
    }
    return new ProviderResult.Transient("Twilio: " + e.getMessage());
  }
}
