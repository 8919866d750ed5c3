package alerting.localinfra;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Sends every Twilio SDK request to another base URL (the stand-in) instead of Twilio: same method,
 * path, parameters, headers and credentials, only scheme, host and port replaced.
 */
class RedirectingTwilioHttpClient extends NetworkHttpClient {
  private final URI baseUrl;

  RedirectingTwilioHttpClient(String baseUrl) {
    this.baseUrl = URI.create(baseUrl);
  }

  /** With an own Apache client, e.g. one whose automatic retry of 429 and 503 is disabled. */
  RedirectingTwilioHttpClient(String baseUrl, HttpClientBuilder apacheClient) {
    super(apacheClient);
    this.baseUrl = URI.create(baseUrl);
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(redirected(request));
  }

  private Request redirected(Request original) {
    URI target = URI.create(original.getUrl());
    String url =
        baseUrl.getScheme()
            + "://"
            + baseUrl.getRawAuthority()
            + target.getRawPath()
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    // region and edge are deliberately not copied: they would rewrite the host again
    Request copy = new Request(original.getMethod(), url);
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    original
        .getQueryParams()
        .forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
    original
        .getPostParams()
        .forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
    original
        .getHeaderParams()
        .forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
    copy.setContentType(original.getContentType());
    copy.setBody(original.getBody());
    copy.setFormParameters(original.getFormParameters());
    copy.setUserAgentExtensions(original.getUserAgentExtensions());
    return copy;
  }
}
