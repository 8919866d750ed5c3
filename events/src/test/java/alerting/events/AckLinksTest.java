package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AckLinksTest {
  static final byte[] KEY = "secret-one".getBytes(StandardCharsets.UTF_8);
  static final String ALERT_ID = "0f8e3c52-7d1a-5b7e-9a44-2c1d9e6f3b10";
  static final String SUBJECT = "ada@acme.example";
  static final AckLinks.Claims CLAIMS =
      new AckLinks.Claims(ALERT_ID, SUBJECT, 2, Instant.parse("2026-12-01T00:00:00Z"));

  @Test
  void aSealedTokenOpensWithItsKeyAndNamesIt() {
    var token = AckLinks.seal(CLAIMS, "k1", KEY);
    assertThat(AckLinks.keyId(token)).contains("k1");
    assertThat(AckLinks.open(token, KEY)).contains(CLAIMS);
  }

  @Test
  void theTokenRevealsNeitherTheAlertNorThePersonNorTheExpiry() {
    var token = AckLinks.seal(CLAIMS, "k1", KEY);
    var decoded =
        new String(
            Base64.getUrlDecoder().decode(token.substring("k1.".length())),
            StandardCharsets.ISO_8859_1);

    for (var text : java.util.List.of(token, decoded)) {
      assertThat(text)
          .doesNotContain(
              ALERT_ID,
              ALERT_ID.replace("-", ""),
              SUBJECT,
              "ada",
              Long.toString(CLAIMS.expiresAt().getEpochSecond()));
    }
    assertThat(AckLinks.seal(CLAIMS, "k1", KEY))
        .as("a fresh nonce each time: equal claims look unrelated")
        .isNotEqualTo(token);
  }

  @Test
  void theTokenStaysShortEnoughForAnSmsLink() {
    var subjectLikeAnIdp =
        new AckLinks.Claims(ALERT_ID, "00u1a2b3c4d5e6f7g8h9", 3, CLAIMS.expiresAt());
    assertThat(AckLinks.seal(subjectLikeAnIdp, "k1", KEY)).hasSizeLessThan(120);
  }

  @Test
  void idsThatAreNotUuidsAndUuidSubjectsBothComeBackExactly() {
    for (var claims :
        java.util.List.of(
            new AckLinks.Claims("alert-1", "contact-1", 1, CLAIMS.expiresAt()),
            new AckLinks.Claims(
                ALERT_ID,
                "6B1F2E3A-0000-4000-8000-000000000001",
                70_000 - 4_465,
                CLAIMS.expiresAt()),
            new AckLinks.Claims(
                ALERT_ID,
                "9d3c1f2a-7e4b-4c6d-8a1b-3f2e1d0c9b8a",
                1,
                Instant.parse("2099-01-01T00:00:00Z")))) {
      assertThat(AckLinks.open(AckLinks.seal(claims, "k1", KEY), KEY)).contains(claims);
    }
  }

  @Test
  void aTokenSealedWithAnotherKeyIsRefused() {
    var token = AckLinks.seal(CLAIMS, "k1", "other".getBytes(StandardCharsets.UTF_8));
    assertThat(AckLinks.open(token, KEY)).isEmpty();
  }

  @Test
  void aTokenRelabelledWithAnotherKeyIdIsRefused() {
    var token = AckLinks.seal(CLAIMS, "k1", KEY);
    assertThat(AckLinks.open("k2" + token.substring(2), KEY)).isEmpty();
  }

  @Test
  void everyTamperedByteIsRefused() {
    var token = AckLinks.seal(CLAIMS, "k1", KEY);
    var bytes = Base64.getUrlDecoder().decode(token.substring(3));
    for (var i = 0; i < bytes.length; i++) {
      var tampered = bytes.clone();
      tampered[i] ^= 0x01;
      assertThat(
              AckLinks.open(
                  "k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), KEY))
          .as("byte " + i)
          .isEmpty();
    }
  }

  @Test
  void malformedTokensAreRefused() {
    assertThat(AckLinks.open("garbage", KEY)).isEmpty();
    assertThat(AckLinks.open("a.b.c", KEY)).isEmpty();
    assertThat(AckLinks.open("k1.", KEY)).isEmpty();
    assertThat(AckLinks.open("k1.!!!", KEY)).isEmpty();
    assertThat(AckLinks.open(".abc", KEY)).isEmpty();
    assertThat(AckLinks.open(null, KEY)).isEmpty();
  }
}
