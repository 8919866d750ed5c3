package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningLinksTest {
  static final byte[] KEY = "signing-secret".getBytes(StandardCharsets.UTF_8);
  static final SigningLinks.Claims CLAIMS =
      new SigningLinks.Claims(
          "7c9e6679-7425-40de-944b-e07fc1f90ae7",
          "c-4f1d",
          Channel.EMAIL,
          Instant.parse("2026-12-03T10:00:00Z"));

  @Test
  void aSealedLinkOpensWithItsKeyAndNamesTheRequestTheContactAndTheChannel() {
    var token = SigningLinks.seal(CLAIMS, "s1", KEY);
    assertThat(SigningLinks.keyId(token)).contains("s1");
    assertThat(SigningLinks.open(token, KEY)).contains(CLAIMS);
    assertThat(token).doesNotContain(CLAIMS.requestId(), CLAIMS.contactId());
  }

  @Test
  void aLinkTamperedWithOrSealedWithAnotherKeyOpensToNothing() {
    var token = SigningLinks.seal(CLAIMS, "s1", KEY);
    var last = token.charAt(token.length() - 1);
    var tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(SigningLinks.open(tampered, KEY)).isEmpty();
    assertThat(SigningLinks.open(token, "another".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(SigningLinks.open("s1.", KEY)).isEmpty();
    assertThat(SigningLinks.open("nonsense", KEY)).isEmpty();
  }

  @Test
  void anAckLinkIsNotASigningLinkEvenUnderTheSameSecret() {
    var ackToken =
        AckLinks.seal(
            new AckLinks.Claims(CLAIMS.requestId(), CLAIMS.contactId(), 1, CLAIMS.expiresAt()),
            "s1",
            KEY);
    assertThat(SigningLinks.open(ackToken, KEY)).isEmpty();
    assertThat(AckLinks.open(SigningLinks.seal(CLAIMS, "s1", KEY), KEY)).isEmpty();
  }

  @Test
  void theLinkStaysShortEnoughForAnSms() {
    assertThat(SigningLinks.seal(CLAIMS, "s1", KEY)).hasSizeLessThan(100);
  }
}
