package alerting.ack.twilio;

import alerting.ack.abuse.RefusedRequests;
import alerting.ack.system.AckReceiverSettings;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Admits a webhook only when {@code X-Twilio-Signature} matches, checked with Twilio's own
 * validator against the public URL Twilio called (from configuration, never from the Host header,
 * which a client controls), with the primary or, during rotation, the secondary token.
 */
@Component
public class TwilioWebhooks {
  private final List<RequestValidator> validators;
  private final AckReceiverSettings settings;
  private final RefusedRequests refused;

  TwilioWebhooks(AckReceiverSettings settings, RefusedRequests refused) {
    this.validators = settings.twilio().authTokens().stream().map(RequestValidator::new).toList();
    this.settings = settings;
    this.refused = refused;
  }

  /** The POST parameters Twilio signed, or empty (counted as refused) when the signature fails. */
  public Optional<Map<String, String>> verified(HttpServletRequest request) {
    var signature = request.getHeader("X-Twilio-Signature");
    if (signature == null || signature.isBlank()) {
      refused.count(request.getRequestURI(), "unsigned");
      return Optional.empty();
    }
    var url =
        settings.publicUrl(request.getRequestURI())
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    var params = postParams(request);
    if (validators.stream().noneMatch(v -> v.validate(url, new HashMap<>(params), signature))) {
      refused.count(request.getRequestURI(), "bad-signature");
      return Optional.empty();
    }
    return Optional.of(params);
  }

  /**
   * The servlet API merges query and body parameters, query first; Twilio signs the URL (with its
   * query) and the body parameters only, so the query's values are taken back out.
   */
  static Map<String, String> postParams(HttpServletRequest request) {
    var fromQuery = new HashMap<String, Integer>();
    var query = request.getQueryString();
    if (query != null && !query.isEmpty()) {
      for (var pair : query.split("&")) {
        var eq = pair.indexOf('=');
        var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        fromQuery.merge(name, 1, Integer::sum);
      }
    }
    var params = new LinkedHashMap<String, String>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              var body =
                  Arrays.asList(values)
                      .subList(
                          Math.min(values.length, fromQuery.getOrDefault(name, 0)), values.length);
              if (!body.isEmpty()) {
                params.put(name, body.get(0));
              }
            });
    return params;
  }
}
