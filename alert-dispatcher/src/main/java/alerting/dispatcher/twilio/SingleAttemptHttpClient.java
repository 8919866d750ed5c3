package alerting.dispatcher.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The SDK's own client, minus its blocking in-call retries on 5xx: a failed send comes back at
 * once and is retried, with back-off, on the sender's retry topic without holding up the rest.
 */
class SingleAttemptHttpClient extends NetworkHttpClient {
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }
}
