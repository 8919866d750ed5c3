package alerting.dispatcher.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's own client, minus every retry inside a call: the SDK's on 5xx, and the Apache client's,
 * which by default waits out a 429's or 503's {@code Retry-After} on the sending thread and tries
 * once more before the sender hears of it. A failed or throttled send comes back at once: a 429
 * slows the whole channel down ({@code ChannelRate}) and is tried again in place, anything else
 * goes to the sender's retry topic, without holding up the rest. A response's {@code Retry-After}
 * is kept for {@link TwilioFailures} (see {@link RetryAfter}).
 *
 * <p>The connection pool allows as many calls to the API at once as the senders may run ({@code
 * max-parallel-calls}, 64 by default); the SDK's default pool allows 20.
 */
class SingleAttemptHttpClient extends NetworkHttpClient {
  static final int CONNECTIONS = 64;

  SingleAttemptHttpClient() {
    super(builder());
  }

  static HttpClientBuilder builder() {
    var connections = new PoolingHttpClientConnectionManager();
    connections.setDefaultMaxPerRoute(CONNECTIONS);
    connections.setMaxTotal(CONNECTIONS * 2);
    return HttpClientBuilder.create()
        .useSystemProperties()
        .disableAutomaticRetries()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(10, TimeUnit.SECONDS))
                .setResponseTimeout(Timeout.of(30, TimeUnit.SECONDS))
                .build());
  }

  @Override
  public Response reliableRequest(Request request) {
    var response = makeRequest(request);
    var headers = response.getHeaders();
    var retryAfter =
        headers == null
            ? null
            : java.util.Arrays.stream(headers)
                .filter(h -> h.getName().equalsIgnoreCase("Retry-After"))
                .map(h -> h.getValue())
                .findFirst()
                .orElse(null);
    RetryAfter.received(retryAfter);
    return response;
  }
}
