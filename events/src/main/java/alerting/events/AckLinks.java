package alerting.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ack-link tokens: the contract between the senders that put links into messages and the
 * ack-receiver that honours them. A token names one alert, one contact and one attempt, carries
 * its expiry and the id of the HMAC key that signed it, so keys can be rotated.
 */
public final class AckLinks {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private AckLinks() {}

  public record Claims(String alertId, String contactId, int attempt, Instant expiresAt) {
    public Claims {
      Require.text(alertId, "alertId");
      Require.text(contactId, "contactId");
      Require.positive(attempt, "attempt");
      Require.present(expiresAt, "expiresAt");
    }
  }

  public static String sign(Claims claims, String keyId, byte[] key) {
    var payload = String.join("|", claims.alertId(), claims.contactId(),
        Integer.toString(claims.attempt()), Long.toString(claims.expiresAt().getEpochSecond()));
    var body = keyId + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + ENCODER.encodeToString(hmac(key, body));
  }

  /** The key id a token claims to be signed with, so the verifier can pick the key. */
  public static Optional<String> keyId(String token) {
    var parts = token == null ? new String[0] : token.split("\\.");
    return parts.length == 3 ? Optional.of(parts[0]) : Optional.empty();
  }

  /** The claims of a token whose signature matches {@code key}; empty when forged or malformed. */
  public static Optional<Claims> verify(String token, byte[] key) {
    try {
      var parts = token.split("\\.");
      if (parts.length != 3) {
        return Optional.empty();
      }
      var body = parts[0] + "." + parts[1];
      if (!MessageDigest.isEqual(hmac(key, body), DECODER.decode(parts[2]))) {
        return Optional.empty();
      }
      var fields = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
      if (fields.length != 4) {
        return Optional.empty();
      }
      return Optional.of(new Claims(fields[0], fields[1], Integer.parseInt(fields[2]),
          Instant.ofEpochSecond(Long.parseLong(fields[3]))));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static byte[] hmac(byte[] key, String body) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
