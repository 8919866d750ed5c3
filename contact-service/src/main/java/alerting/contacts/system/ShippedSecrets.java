package alerting.contacts.system;

import alerting.secrets.ShippedSecretsCheck;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a signing-link key set to a value this repository ships: with it anyone
 * could sign a tenant's support-access form in its Primary Security contact's name. No key at all
 * is allowed (links are then refused and contacts sign in to sign), unlike the dispatcher's
 * ack-link key, without which no alert could be acknowledged by link.
 */
@Component
class ShippedSecrets extends ShippedSecretsCheck<ContactServiceSettings> {
  @Override
  protected List<String> problems(ContactServiceSettings settings, boolean localDefaults) {
    return settings.supportAccess().signingLinkKeys().entrySet().stream()
        .flatMap(
            key ->
                problem(
                    "alerting.contacts.support-access.signing-link-keys." + key.getKey(),
                    "SIGNING_LINK_KEY",
                    key.getValue(),
                    localDefaults)
                    .stream())
        .toList();
  }
}
