package alerting.dispatcher.links;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.DeliveryRequested;
import alerting.events.SigningLinks;
import alerting.events.SupportAccessChanged.Action;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes the link with which a contact asked to confirm disabling Customer Support Access reviews
 * and signs the acknowledgment form on contact-service, without an account. Only a disable is
 * signed: re-enabling is confirmed by phone, and an incident has nothing to sign.
 */
@Component
public class SigningLinkFactory {
  private final DispatcherSettings.Links settings;
  private final Clock clock;

  @Autowired
  SigningLinkFactory(DispatcherSettings settings) {
    this(settings, Clock.systemUTC());
  }

  SigningLinkFactory(DispatcherSettings settings, Clock clock) {
    this.settings = settings.links();
    this.clock = clock;
  }

  /** The signing link of a DISABLE confirmation's delivery; empty for any other alert. */
  public Optional<URI> signingLinkFor(DeliveryRequested delivery) {
    var correlation = delivery.brief().correlation();
    if (correlation.confirmationOf().isEmpty() || correlation.action() != Action.DISABLE) {
      return Optional.empty();
    }
    var claims =
        new SigningLinks.Claims(
            correlation.requestId(),
            delivery.brief().contactId(),
            delivery.method().channel(),
            clock.instant().plus(settings.validity()));
    var token =
        SigningLinks.seal(
            claims,
            settings.signingKeyId(),
            settings.signingKey().getBytes(StandardCharsets.UTF_8));
    var base = settings.signingBaseUrl().toString();
    return Optional.of(
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/support-access/sign/"
                + token));
  }
}
