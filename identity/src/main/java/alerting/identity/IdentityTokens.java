package alerting.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Tokens for anyone, signed with the provider's own key, for the local stack's tests, which make
 * tenants and people of their own; nothing reaches it over HTTP.
 */
@Component
public class IdentityTokens {
  private static final Duration VALIDITY = Duration.ofHours(1);
  private final JwtEncoder encoder;
  private final IdentitySettings settings;

  IdentityTokens(JwtEncoder encoder, IdentitySettings settings) {
    this.encoder = encoder;
    this.settings = settings;
  }

  /** An access token as the provider would issue it; {@code tenantId} is null for staff. */
  public String token(String userId, String name, String tenantId, String... roles) {
    var now = Instant.now();
    var claims =
        JwtClaimsSet.builder()
            .issuer(settings.issuer())
            .audience(List.of(settings.audience()))
            .subject(userId)
            .issuedAt(now)
            .expiresAt(now.plus(VALIDITY))
            .claim("name", name)
            .claim("roles", List.of(roles));
    if (tenantId != null && !tenantId.isBlank()) {
      claims.claim("tenant", tenantId);
    }
    return encoder
        .encode(
            JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
        .getTokenValue();
  }
}
