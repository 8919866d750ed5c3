package alerting.dispatcher.system;

import alerting.secrets.ShippedSecretsCheck;
import java.util.ArrayList;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with the ack-link key or the Twilio auth token missing, or set to a value
 * this repository ships: anyone can read those, and with them forge ack links and Twilio calls.
 * How (and when: before any bean is made, since some read their topics as they are made) is
 * {@link ShippedSecretsCheck}'s; which settings hold the secrets is this service's.
 */
@Component
class ShippedSecrets extends ShippedSecretsCheck {

  @Override
  protected void check(Binder binder, boolean localDefaults) {
    check(binder.bindOrCreate("alerting.dispatcher", DispatcherSettings.class), localDefaults);
  }

  static void check(DispatcherSettings settings, boolean localDefaults) {
    var problems = new ArrayList<String>();
    problems.addAll(problem("alerting.dispatcher.links.key", "ACK_LINK_KEY", settings.links().key(), localDefaults));
    problems.addAll(problem("alerting.dispatcher.twilio.auth-token", "TWILIO_AUTH_TOKEN",
        settings.twilio().authToken(), localDefaults));
    refuseToStartOn(problems);
  }
}
