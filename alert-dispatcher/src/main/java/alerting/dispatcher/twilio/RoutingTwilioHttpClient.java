package alerting.dispatcher.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Lets the Twilio SDK talk to another endpoint that speaks Twilio's REST API (the local stand-in):
 * it keeps the SDK's path, query, form body and credentials and swaps the host.
 */
class RoutingTwilioHttpClient extends HttpClient {
  private final String baseUrl;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .build();

  RoutingTwilioHttpClient(URI baseUrl) {
    var text = baseUrl.toString();
    this.baseUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** One try per call: transient failures are retried by the sender's retry topic instead. */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    var original = request.constructURL();
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl + original.getFile()))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    request
        .getHeaderParams()
        .forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    var form = request.encodeFormBody();
    if (form != null && !form.isEmpty()) {
      builder.header("Content-Type", "application/x-www-form-urlencoded");
      builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.ofString(form));
    } else {
      builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      RetryAfter.received(response.headers().firstValue("Retry-After").orElse(null));
      return new Response(response.body(), response.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("could not reach " + baseUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted calling " + baseUrl, e);
    }
  }
}
