package alerting.contacts.supportaccess;

import alerting.contacts.system.ContactServiceSettings;
import alerting.events.SigningLinks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the signing links the dispatcher seals into support-access confirmations, with the keys
 * this service shares with it, by key id, so a key can be rotated while links sealed with the old
 * one still open. Expiry is checked here; single use by the request's state ({@link
 * SupportAccessService#signByLink}).
 */
@Component
class SigningLinkVerifier {
  private static final Logger log = LoggerFactory.getLogger(SigningLinkVerifier.class);
  private final Map<String, byte[]> keys;
  private final Clock clock = Clock.systemUTC();

  sealed interface Result {}

  record Valid(SigningLinks.Claims claims) implements Result {}

  record Expired() implements Result {}

  record Invalid() implements Result {}

  SigningLinkVerifier(ContactServiceSettings settings) {
    this.keys =
        settings.supportAccess().signingLinkKeys().entrySet().stream()
            .filter(e -> e.getValue() != null && !e.getValue().isBlank())
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
    if (keys.isEmpty()) {
      log.warn(
          "no alerting.contacts.support-access.signing-link-keys: signing links in support-access"
              + " confirmations are refused, and contacts sign the form only after signing in");
    }
  }

  Result verify(String token) {
    var key = SigningLinks.keyId(token).map(keys::get);
    if (key.isEmpty()) {
      return new Invalid();
    }
    var claims = SigningLinks.open(token, key.get());
    if (claims.isEmpty()) {
      return new Invalid();
    }
    return claims.get().expiresAt().isAfter(clock.instant())
        ? new Valid(claims.get())
        : new Expired();
  }
}
