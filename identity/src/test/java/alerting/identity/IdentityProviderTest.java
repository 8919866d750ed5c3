package alerting.identity;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.localinfra.FreePorts;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"spring.config.name=identity", "CONSOLE_CLIENT_SECRET=test-console-secret"})
class IdentityProviderTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  // the issuer is pinned before start-up, as in production, so the port is chosen first
  static final int port = FreePorts.next();
  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("management.server.port", () -> 0);
    registry.add("alerting.identity.issuer", () -> "http://localhost:" + port);
  }

  @Test
  void publishesOpenIdDiscoveryWithItsIssuerAndKeys() throws Exception {
    var discovery = JSON.readTree(get("/.well-known/openid-configuration").body());
    assertThat(discovery.path("issuer").asString()).isEqualTo(base());
    assertThat(discovery.path("jwks_uri").asString()).isEqualTo(base() + "/oauth2/jwks");
    assertThat(JWKSet.parse(get("/oauth2/jwks").body()).getKeys()).hasSize(1);
  }

  @Test
  void aDemoPersonsClientCredentialsTokenCarriesIssuerAudienceTenantAndRoles() throws Exception {
    var token = clientCredentials("grace", "demo");
    assertThat(token.statusCode()).isEqualTo(200);
    var jwt = SignedJWT.parse(JSON.readTree(token.body()).path("access_token").asString());
    var key = JWKSet.parse(get("/oauth2/jwks").body()).getKeys().get(0).toRSAKey();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(base());
    assertThat(claims.getSubject()).isEqualTo("grace");
    assertThat(claims.getAudience()).containsExactly("alerting");
    assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
    assertThat(claims.getStringListClaim("roles")).containsExactly("TENANT_ADMIN");
    assertThat(claims.getStringClaim("name")).isEqualTo("Grace Hopper");
  }

  @Test
  void staffTokensCarryNoTenant() throws Exception {
    var jwt =
        SignedJWT.parse(
            JSON.readTree(clientCredentials("rita", "demo").body())
                .path("access_token")
                .asString());
    assertThat(jwt.getJWTClaimsSet().getClaim("tenant")).isNull();
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("RESPONDER");
  }

  @Test
  void aWrongClientSecretGetsNoToken() throws Exception {
    assertThat(clientCredentials("grace", "guess").statusCode()).isEqualTo(401);
  }

  @Test
  void theLoginPageNamesTheDemoPeople() throws Exception {
    var page = get("/login");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("grace", "Grace Hopper", "rita", "platform operator")
        .contains("name=\"viewport\"");
  }

  @Test
  void aBrowserAskingToAuthorizeIsSentToTheLoginPage() throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    base()
                        + "/oauth2/authorize?response_type=code&client_id=console"
                        + "&scope=openid&redirect_uri=http://localhost:8080/login/oauth2/code/alerting"
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"))
            .header("Accept", "text/html")
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  private HttpResponse<String> clientCredentials(String client, String secret) throws Exception {
    var basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes());
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
