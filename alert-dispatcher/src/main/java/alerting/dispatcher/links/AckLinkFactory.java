package alerting.dispatcher.links;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AckLinks;
import alerting.events.DeliveryRequested;
import java.net.URI;
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
    var claims = new AckLinks.Claims(delivery.alertId(), delivery.brief().contactId(),
        delivery.attempt(), clock.instant().plus(settings.validity()));
    var token = AckLinks.sign(claims, settings.keyId(), settings.key().getBytes(StandardCharsets.UTF_8));
    return URI.create(stripSlash(settings.ackReceiverBaseUrl().toString()) + "/ack/" + token);
  }

  /** Where Twilio reports what became of a message or call. */
  public URI statusCallback() {
    return URI.create(stripSlash(settings.ackReceiverBaseUrl().toString()) + "/twilio/status");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
