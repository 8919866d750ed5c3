package alerting.localinfra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature, written from its published description rather than taken from the
 * SDK, so production code that verifies with the SDK is checked against an independent
 * implementation.
 */
final class TwilioSignature {
  private TwilioSignature() {}

  /** Base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...)), names sorted. */
  static String of(String authToken, String url, Map<String, String> postParams) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(postParams).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
