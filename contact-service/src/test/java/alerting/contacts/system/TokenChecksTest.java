package alerting.contacts.system;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.ContactServiceTest;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token signed with the right key is still refused unless it names our issuer and audience. */
class TokenChecksTest extends ContactServiceTest {

  @Test
  void aTokenForTheRightIssuerAndAudienceIsAccepted() {
    var tenant = newTenant();
    assertThat(
            call(
                    "GET",
                    "/api/tenants/" + tenant + "/contacts",
                    token(identity.issuer(), List.of("alerting"), tenant),
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void aTokenWithoutAnAudienceIsRefused() {
    var tenant = newTenant();
    assertThat(
            call(
                    "GET",
                    "/api/tenants/" + tenant + "/contacts",
                    token(identity.issuer(), List.of(), tenant),
                    null)
                .status())
        .isEqualTo(401);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    var tenant = newTenant();
    assertThat(
            call(
                    "GET",
                    "/api/tenants/" + tenant + "/contacts",
                    token(identity.issuer(), List.of("billing"), tenant),
                    null)
                .status())
        .isEqualTo(401);
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    var tenant = newTenant();
    assertThat(
            call(
                    "GET",
                    "/api/tenants/" + tenant + "/contacts",
                    token("https://elsewhere.example", List.of("alerting"), tenant),
                    null)
                .status())
        .isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsRefused() {
    var tenant = newTenant();
    assertThat(
            call(
                    "GET",
                    "/api/tenants/" + tenant + "/contacts",
                    token(identity.issuer(), List.of("alerting"), tenant, -120),
                    null)
                .status())
        .as("expired two minutes ago, beyond the clock skew allowed")
        .isEqualTo(401);
  }

  private static String token(String issuer, List<String> audience, String tenant) {
    return token(issuer, audience, tenant, 600);
  }

  private static String token(
      String issuer, List<String> audience, String tenant, long validForSeconds) {
    var now = Instant.now();
    return identity.sign(
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject("grace")
            .claim("name", "Grace Hopper")
            .claim("tenant", tenant)
            .claim("roles", List.of("TENANT_ADMIN"))
            .issueTime(Date.from(now.minusSeconds(600)))
            .expirationTime(Date.from(now.plusSeconds(validForSeconds)))
            .build());
  }
}
