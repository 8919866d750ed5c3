package alerting.ack.links;

import alerting.ack.system.AckReceiverSettings;
import alerting.events.AckLinks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Opens an ack link's sealed token with the key it names and checks its expiry. */
@Component
class AckLinkVerifier {
  private final AckReceiverSettings.Links settings;
  private final Clock clock = Clock.systemUTC();

  AckLinkVerifier(AckReceiverSettings settings) {
    this.settings = settings.links();
  }

  sealed interface Result {}

  record Valid(AckLinks.Claims claims) implements Result {}

  record Expired() implements Result {}

  record Invalid() implements Result {}

  Result verify(String token) {
    var key = AckLinks.keyId(token).map(settings.keys()::get);
    if (key.isEmpty()) {
      return new Invalid();
    }
    var claims = AckLinks.open(token, key.get().getBytes(StandardCharsets.UTF_8));
    if (claims.isEmpty()) {
      return new Invalid();
    }
    return claims.get().expiresAt().isBefore(clock.instant())
        ? new Expired()
        : new Valid(claims.get());
  }
}
