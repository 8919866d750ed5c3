package alerting.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing-link tokens: the contract between the dispatcher, which puts a link into a Customer
 * Support Access confirmation, and contact-service, which lets the contact it names review and sign
 * the acknowledgment form with it, without an account. A token names one request, one contact and
 * the channel it was sent on, and carries its expiry; sealed like ack links ({@link SealedTokens})
 * but under a context and a secret of its own, so neither service can make the other's links.
 * Single use is contact-service's to enforce: a link signs its request once.
 */
public final class SigningLinks {
  /** Changes with the token format, so a key never decrypts tokens of another format. */
  private static final String CONTEXT = "alerting signing-link v1";

  private SigningLinks() {}

  public record Claims(String requestId, String contactId, Channel channel, Instant expiresAt) {
    public Claims {
      Require.text(requestId, "requestId");
      Require.text(contactId, "contactId");
      Require.present(channel, "channel");
      Require.present(expiresAt, "expiresAt");
    }
  }

  public static String seal(Claims claims, String keyId, byte[] key) {
    var out = new ByteArrayOutputStream(64);
    try (var data = new DataOutputStream(out)) {
      AckLinks.writeId(data, claims.requestId());
      AckLinks.writeId(data, claims.contactId());
      data.writeByte(claims.channel().ordinal());
      data.writeInt((int) claims.expiresAt().getEpochSecond());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SealedTokens.seal(CONTEXT, out.toByteArray(), keyId, key);
  }

  /** The key id a token claims to be sealed with, so the verifier can pick the key. */
  public static Optional<String> keyId(String token) {
    return SealedTokens.keyId(token);
  }

  /** The claims of a token sealed with {@code key}; empty when forged, tampered or malformed. */
  public static Optional<Claims> open(String token, byte[] key) {
    var plain = SealedTokens.open(CONTEXT, token, key);
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    try (var data = new DataInputStream(new ByteArrayInputStream(plain.get()))) {
      var requestId = AckLinks.readId(data);
      var contactId = AckLinks.readId(data);
      var channel = data.readUnsignedByte();
      var expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(data.readInt()));
      if (data.available() > 0 || channel >= Channel.values().length) {
        return Optional.empty();
      }
      return Optional.of(new Claims(requestId, contactId, Channel.values()[channel], expiresAt));
    } catch (IOException | IllegalArgumentException refused) {
      return Optional.empty();
    }
  }
}
