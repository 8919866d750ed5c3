package alerting.dispatcher.system;

import alerting.secrets.ShippedSecretsCheck;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with the ack-link key, the signing-link key or the Twilio auth token missing, or
 * set to a value this repository ships: anyone can read those, and with them forge ack links,
 * signing links and Twilio calls. How (and when: before any bean is made, since some read their
 * topics as they are made) is {@link ShippedSecretsCheck}'s; which settings hold the secrets is
 * this service's.
 */
@Component
class ShippedSecrets extends ShippedSecretsCheck<DispatcherSettings> {
  @Override
  protected List<String> problems(DispatcherSettings settings, boolean localDefaults) {
    return Stream.of(
            problem(
                "alerting.dispatcher.links.key",
                "ACK_LINK_KEY",
                settings.links().key(),
                localDefaults),
            problem(
                "alerting.dispatcher.links.signing-key",
                "SIGNING_LINK_KEY",
                settings.links().signingKey(),
                localDefaults),
            problem(
                "alerting.dispatcher.twilio.auth-token",
                "TWILIO_AUTH_TOKEN",
                settings.twilio().authToken(),
                localDefaults))
        .flatMap(List::stream)
        .toList();
  }
}
