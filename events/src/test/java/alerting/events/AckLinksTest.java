package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AckLinksTest {
  static final byte[] KEY = "secret-one".getBytes(StandardCharsets.UTF_8);
  static final AckLinks.Claims CLAIMS =
      new AckLinks.Claims("alert-1", "contact-1", 2, Instant.parse("2026-12-01T00:00:00Z"));

  @Test
  void aSignedTokenVerifiesWithItsKeyAndNamesIt() {
    var token = AckLinks.sign(CLAIMS, "k1", KEY);
    assertThat(AckLinks.keyId(token)).contains("k1");
    assertThat(AckLinks.verify(token, KEY)).contains(CLAIMS);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRejected() {
    var token = AckLinks.sign(CLAIMS, "k1", "other".getBytes(StandardCharsets.UTF_8));
    assertThat(AckLinks.verify(token, KEY)).isEmpty();
  }

  @Test
  void aTamperedPayloadIsRejected() {
    var parts = AckLinks.sign(CLAIMS, "k1", KEY).split("\\.");
    var forged = AckLinks.sign(new AckLinks.Claims("alert-2", "contact-1", 2, CLAIMS.expiresAt()), "k1",
        "x".getBytes(StandardCharsets.UTF_8)).split("\\.")[1];
    assertThat(AckLinks.verify(parts[0] + "." + forged + "." + parts[2], KEY)).isEmpty();
    assertThat(AckLinks.verify("garbage", KEY)).isEmpty();
    assertThat(AckLinks.verify("a.b.c", KEY)).isEmpty();
  }
}
