package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LocalIdentityProviderTest {
  static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void tokensVerifyAgainstThePublishedKeySetAndCarryTheClaims() throws Exception {
    try (var idp = LocalIdentityProvider.start(0)) {
      var jwks = JWKSet.parse(get(idp.jwkSetUri()).body());
      var jwt = SignedJWT.parse(idp.token("ada", "Ada Lovelace", "acme", "TENANT_ADMIN"));
      assertThat(jwt.verify(new RSASSAVerifier(jwks.getKeys().get(0).toRSAKey()))).isTrue();
      assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("ada");
      assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer());
      assertThat(jwt.getJWTClaimsSet().getAudience())
          .containsExactly(LocalIdentityProvider.AUDIENCE);
      assertThat(jwt.getJWTClaimsSet().getStringClaim("tenant")).isEqualTo("acme");
      assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("TENANT_ADMIN");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
