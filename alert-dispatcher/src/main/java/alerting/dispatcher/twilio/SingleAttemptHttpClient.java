package alerting.dispatcher.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The SDK's own client, minus its blocking in-call retries on 5xx: a failed send comes back at
 * once and is retried, with back-off, on the sender's retry topic without holding up the rest.
 * A response's {@code Retry-After} is kept for {@link TwilioFailures} (see {@link RetryAfter}).
 */
class SingleAttemptHttpClient extends NetworkHttpClient {
  @Override
  public Response reliableRequest(Request request) {
    var response = makeRequest(request);
    var headers = response.getHeaders();
    var retryAfter = headers == null ? null : java.util.Arrays.stream(headers)
        .filter(h -> h.getName().equalsIgnoreCase("Retry-After")).map(h -> h.getValue()).findFirst().orElse(null);
    RetryAfter.received(retryAfter);
    return response;
  }
}
