package alerting.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Ack-link tokens: the contract between the senders that put links into messages and the
 * ack-receiver that honours them. A token names one alert, one contact and one attempt and carries
 * its expiry, all encrypted and authenticated (AES-256-GCM), so a link that leaks (mail logs, a
 * forwarded text, a proxy's access log) tells nothing about who was alerted about what. Its clear
 * prefix is only the id of the key it was sealed with, so keys can be rotated.
 *
 * <p>Form: {@code <keyId>.<base64url(nonce(12) | ciphertext | tag(16))>}. The AES key is derived
 * from the configured ack-link secret with HKDF-SHA256, bound to the key id. This is the JDK's
 * AES-GCM rather than a JWE from Nimbus JOSE: this contract lives in the plain {@code events}
 * module used by both the dispatcher and the ack-receiver (Nimbus is on neither's path through it),
 * and a JWE's JSON header alone would add some 60 characters to a link sent by SMS.
 */
public final class AckLinks {
  /** Changes with the token format, so a key never decrypts tokens of another format. */
  private static final String CONTEXT = "alerting ack-link v2";

  private AckLinks() {}

  public record Claims(String alertId, String contactId, int attempt, Instant expiresAt) {
    public Claims {
      Require.text(alertId, "alertId");
      Require.text(contactId, "contactId");
      Require.positive(attempt, "attempt");
      Require.present(expiresAt, "expiresAt");
    }
  }

  /**
   * An opaque token for {@code claims}, sealed with the secret {@code key} known as {@code keyId}.
   */
  public static String seal(Claims claims, String keyId, byte[] key) {
    return SealedTokens.seal(CONTEXT, payload(claims), keyId, key);
  }

  /** The key id a token claims to be sealed with, so the verifier can pick the key. */
  public static Optional<String> keyId(String token) {
    return SealedTokens.keyId(token);
  }

  /**
   * The claims of a token sealed with {@code key}; empty when forged, tampered with or malformed.
   */
  public static Optional<Claims> open(String token, byte[] key) {
    var plain = SealedTokens.open(CONTEXT, token, key);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(claims(plain.get()));
    } catch (IOException | IllegalArgumentException refused) {
      return Optional.empty();
    }
  }

  /**
   * Compact, for the SMS: ids that are UUIDs (alert ids always, many IdP subjects) take 16 bytes
   * instead of 36 characters, the expiry is unsigned epoch seconds (good until 2106).
   */
  private static byte[] payload(Claims claims) {
    var out = new ByteArrayOutputStream(64);
    try (var data = new DataOutputStream(out)) {
      writeId(data, claims.alertId());
      writeId(data, claims.contactId());
      if (claims.attempt() > 0xFFFF) {
        throw new IllegalArgumentException(
            "attempt " + claims.attempt() + " does not fit an ack link");
      }
      data.writeShort(claims.attempt());
      data.writeInt((int) claims.expiresAt().getEpochSecond());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Claims claims(byte[] plain) throws IOException {
    try (var data = new DataInputStream(new ByteArrayInputStream(plain))) {
      var claims =
          new Claims(
              readId(data),
              readId(data),
              data.readUnsignedShort(),
              Instant.ofEpochSecond(Integer.toUnsignedLong(data.readInt())));
      if (data.available() > 0) {
        throw new IOException("trailing bytes");
      }
      return claims;
    }
  }

  static void writeId(DataOutputStream data, String id) throws IOException {
    var uuid = asUuid(id);
    data.writeBoolean(uuid != null);
    if (uuid != null) {
      data.writeLong(uuid.getMostSignificantBits());
      data.writeLong(uuid.getLeastSignificantBits());
    } else {
      data.writeUTF(id);
    }
  }

  static String readId(DataInputStream data) throws IOException {
    return data.readBoolean()
        ? new UUID(data.readLong(), data.readLong()).toString()
        : data.readUTF();
  }

  /** The id as a UUID when it is one written in the canonical form, so it reads back the same. */
  private static UUID asUuid(String id) {
    try {
      var uuid = UUID.fromString(id);
      return uuid.toString().equals(id) ? uuid : null;
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }
}
