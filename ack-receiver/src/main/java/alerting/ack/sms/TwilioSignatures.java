package alerting.ack.sms;

import alerting.ack.system.AckReceiverSettings;
import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Twilio-Signature} with Twilio's own validator, against the public URL Twilio
 * called (from configuration, never from the Host header, which a client controls).
 */
@Component
public class TwilioSignatures {
  private final RequestValidator validator;
  private final AckReceiverSettings settings;
  private final MeterRegistry meters;

  TwilioSignatures(AckReceiverSettings settings, MeterRegistry meters) {
    this.validator = new RequestValidator(settings.twilio().authToken());
    this.settings = settings;
    this.meters = meters;
  }

  public boolean verify(HttpServletRequest request, Map<String, String> params) {
    var signature = request.getHeader("X-Twilio-Signature");
    var url = settings.publicUrl(request.getRequestURI())
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    var valid = signature != null && validator.validate(url, new HashMap<>(params), signature);
    if (!valid) {
      meters.counter("alerting.webhooks.refused", "endpoint", request.getRequestURI(),
          "reason", signature == null ? "unsigned" : "bad-signature").increment();
    }
    return valid;
  }
}
