package alerting.identity;

import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the services read from a token: {@code name}, {@code tenant} (none for staff) and {@code
 * roles}; access tokens are for the one audience every service checks.
 */
@Component
class PersonClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {
  private final IdentitySettings settings;

  PersonClaims(IdentitySettings settings) {
    this.settings = settings;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    var isAccessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    var isIdToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!isAccessToken && !isIdToken) {
      return;
    }
    var claims = context.getClaims();
    if (isAccessToken) {
      claims.audience(java.util.List.of(settings.audience()));
    }
    // the signed-in person, or for client credentials the person the client is named after
    settings
        .person(context.getPrincipal().getName())
        .ifPresent(
            person -> {
              claims.claim("name", person.name() == null ? person.id() : person.name());
              claims.claim("roles", person.roles());
              if (person.tenant() != null && !person.tenant().isBlank()) {
                claims.claim("tenant", person.tenant());
              }
              if (person.email() != null && !person.email().isBlank()) {
                claims.claim("email", person.email());
              }
            });
  }
}
