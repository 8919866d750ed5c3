package alerting.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

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
    var nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      sealed = aes(Cipher.ENCRYPT_MODE, keyId, key, nonce).doFinal(payload(claims));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
    return keyId
        + "."
        + ENCODER.encodeToString(
            ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /** The key id a token claims to be sealed with, so the verifier can pick the key. */
  public static Optional<String> keyId(String token) {
    var parts = token == null ? new String[0] : token.split("\\.", -1);
    return parts.length == 2 && !parts[0].isEmpty() ? Optional.of(parts[0]) : Optional.empty();
  }

  /**
   * The claims of a token sealed with {@code key}; empty when forged, tampered with or malformed.
   */
  public static Optional<Claims> open(String token, byte[] key) {
    var keyId = keyId(token);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    try {
      var bytes = DECODER.decode(token.substring(keyId.get().length() + 1));
      if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
        return Optional.empty();
      }
      var nonce = Arrays.copyOf(bytes, NONCE_BYTES);
      var plain =
          aes(Cipher.DECRYPT_MODE, keyId.get(), key, nonce)
              .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return Optional.of(claims(plain));
    } catch (AEADBadTagException | IllegalArgumentException | IOException refused) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
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

  private static void writeId(DataOutputStream data, String id) throws IOException {
    var uuid = asUuid(id);
    data.writeBoolean(uuid != null);
    if (uuid != null) {
      data.writeLong(uuid.getMostSignificantBits());
      data.writeLong(uuid.getLeastSignificantBits());
    } else {
      data.writeUTF(id);
    }
  }

  private static String readId(DataInputStream data) throws IOException {
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

  private static Cipher aes(int mode, String keyId, byte[] secret, byte[] nonce) {
    try {
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode,
          new SecretKeySpec(derive(secret, keyId), "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      // the key id travels in clear: authenticating it means a token cannot be relabelled
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * HKDF-SHA256 (RFC 5869), one 32-byte block: the configured secret is a passphrase, not a key.
   */
  static byte[] derive(byte[] secret, String keyId) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(CONTEXT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      var prk = mac.doFinal(secret);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update((CONTEXT + "|aes-256-gcm|" + keyId).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
