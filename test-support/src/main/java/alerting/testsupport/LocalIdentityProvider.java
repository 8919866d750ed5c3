package alerting.testsupport;

import alerting.localinfra.HttpPages;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in identity provider for one service's tests: it signs JWTs with a key made at start-up
 * and publishes the public half as a JWK set, which the service verifies tokens against exactly as
 * it would the real provider's. Tokens carry issuer, audience, {@code sub}, {@code name}, {@code
 * tenant} and {@code roles}. People use the identity module's OpenID Connect provider.
 */
public final class LocalIdentityProvider implements AutoCloseable {
  private static final Duration VALIDITY = Duration.ofHours(8);

  /** The audience every service checks, as the local identity provider and a real IdP issue it. */
  public static final String AUDIENCE = "alerting";

  private final RSAKey key;
  private final HttpServer server;

  private LocalIdentityProvider(RSAKey key, HttpServer server) {
    this.key = key;
    this.server = server;
  }

  public static LocalIdentityProvider start(int port) {
    try {
      var key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .keyID(UUID.randomUUID().toString())
              .generate();
      var server = HttpPages.server(new InetSocketAddress("localhost", port), 0);
      var provider = new LocalIdentityProvider(key, server);
      server.createContext(
          "/.well-known/jwks.json",
          exchange ->
              HttpPages.respond(
                  exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString()));
      // its own threads: the JDK's default runs handlers on the accepting thread, which starves
      // under load and drops connections the resource servers are fetching keys over
      server.setExecutor(
          java.util.concurrent.Executors.newFixedThreadPool(
              4,
              r -> {
                var thread = new Thread(r, "local-identity-provider");
                thread.setDaemon(true);
                return thread;
              }));
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the local identity provider on port " + port, e);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not make a signing key", e);
    }
  }

  public String issuer() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  public String jwkSetUri() {
    return issuer() + "/.well-known/jwks.json";
  }

  /**
   * A token with the claims given and nothing else, signed with the published key: for forgeries.
   */
  public String sign(JWTClaimsSet claims) {
    var jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a token", e);
    }
    return jwt.serialize();
  }

  /** A signed token for a user; {@code tenantId} is null for staff (responders, support). */
  public String token(String userId, String name, String tenantId, String... roles) {
    var now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .audience(AUDIENCE)
            .subject(userId)
            .claim("name", name)
            .claim("roles", List.copyOf(Arrays.asList(roles)))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(VALIDITY)));
    if (tenantId != null && !tenantId.isBlank()) {
      claims.claim("tenant", tenantId);
    }
    return sign(claims.build());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
