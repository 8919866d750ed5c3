package alerting.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealing that the links put into messages share: a payload encrypted and authenticated with
 * AES-256-GCM under a key derived (HKDF-SHA256) from a configured secret, the key id and a context
 * naming the kind of link, so a key for one kind never opens another's tokens.
 *
 * <p>Form: {@code <keyId>.<base64url(nonce(12) | ciphertext | tag(16))>}.
 */
final class SealedTokens {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private SealedTokens() {}

  static String seal(String context, byte[] payload, String keyId, byte[] key) {
    var nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      sealed = aes(Cipher.ENCRYPT_MODE, context, keyId, key, nonce).doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
    return keyId
        + "."
        + ENCODER.encodeToString(
            ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  static Optional<String> keyId(String token) {
    var parts = token == null ? new String[0] : token.split("\\.", -1);
    return parts.length == 2 && !parts[0].isEmpty() ? Optional.of(parts[0]) : Optional.empty();
  }

  /** The payload of a token sealed with {@code key}; empty when forged, tampered or malformed. */
  static Optional<byte[]> open(String context, String token, byte[] key) {
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
      return Optional.of(
          aes(Cipher.DECRYPT_MODE, context, keyId.get(), key, nonce)
              .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
    } catch (AEADBadTagException | IllegalArgumentException refused) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static Cipher aes(int mode, String context, String keyId, byte[] secret, byte[] nonce) {
    try {
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode,
          new SecretKeySpec(derive(context, secret, keyId), "AES"),
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
  private static byte[] derive(String context, byte[] secret, String keyId) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(context.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      var prk = mac.doFinal(secret);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update((context + "|aes-256-gcm|" + keyId).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
