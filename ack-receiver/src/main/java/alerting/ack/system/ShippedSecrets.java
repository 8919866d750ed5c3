package alerting.ack.system;

import alerting.secrets.ShippedSecretsCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without an ack-link key and a Twilio auth token, or with a value this repository
 * ships: anyone can read those, and with them forge ack links and keypress webhooks. How (and when:
 * before any bean is made, so nothing listens with them) is {@link ShippedSecretsCheck}'s; which
 * settings hold the secrets is this service's.
 */
@Component
class ShippedSecrets extends ShippedSecretsCheck<AckReceiverSettings> {
  @Override
  protected List<String> problems(AckReceiverSettings settings, boolean localDefaults) {
    var twilio = settings.twilio();
    var problems =
        new ArrayList<>(
            problem(
                "alerting.ack.twilio.auth-token",
                "TWILIO_AUTH_TOKEN",
                twilio.authToken(),
                localDefaults));
    // a secondary token is set only while the token is rotated: missing is fine, shipped is not
    if (twilio.secondaryAuthToken() != null && !twilio.secondaryAuthToken().isBlank()) {
      problems.addAll(
          problem(
              "alerting.ack.twilio.secondary-auth-token",
              "TWILIO_AUTH_TOKEN",
              twilio.secondaryAuthToken(),
              localDefaults));
    }
    var keys = settings.links().keys();
    if (keys.isEmpty()) {
      problems.add(
          "no ack-link key (alerting.ack.links.keys.*) is set: set ALERTING_ACK_LINKS_KEYS_K1 "
              + "(ACK_LINK_KEY in docker-compose's .env), the key the dispatcher signs with");
    }
    keys.forEach(
        (id, key) ->
            problems.addAll(
                problem("alerting.ack.links.keys." + id, "ACK_LINK_KEY", key, localDefaults)));
    return problems;
  }
}
