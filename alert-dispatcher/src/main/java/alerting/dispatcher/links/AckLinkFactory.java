package alerting.dispatcher.links;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AckLinks;
import alerting.events.DeliveryRequested;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Makes the link a contact opens to acknowledge one attempt of one alert. */
@Component
public class AckLinkFactory {
  private final DispatcherSettings.Links settings;
  private final Clock clock = Clock.systemUTC();

  AckLinkFactory(DispatcherSettings settings) {
    this.settings = settings.links();
  }

  public URI linkFor(DeliveryRequested delivery) {
    var claims =
        new AckLinks.Claims(
            delivery.alertId(),
            delivery.brief().contactId(),
            delivery.attempt(),
            clock.instant().plus(settings.validity()));
    var token =
        AckLinks.seal(claims, settings.keyId(), settings.key().getBytes(StandardCharsets.UTF_8));
    return URI.create(stripSlash(settings.ackReceiverBaseUrl().toString()) + "/ack/" + token);
  }

  /** Where Twilio reports what became of one attempt's message or call. */
  public URI statusCallback(DeliveryRequested delivery) {
    return URI.create(
        base()
            + "/twilio/status?alertId="
            + encode(delivery.alertId())
            + "&attempt="
            + delivery.attempt()
            + "&channel="
            + delivery.method().channel().name());
  }

  /** Where Twilio fetches the TwiML of an alert call, and posts the keypress and AnsweredBy. */
  public URI voiceUrl(DeliveryRequested delivery) {
    return URI.create(
        base()
            + "/twilio/voice?alertId="
            + encode(delivery.alertId())
            + "&attempt="
            + delivery.attempt());
  }

  private String base() {
    return stripSlash(settings.ackReceiverBaseUrl().toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
