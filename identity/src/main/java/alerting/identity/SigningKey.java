package alerting.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The provider's RSA signing key. Kept in a file when one is configured (the local stack keeps it
 * under its data directory), so the tokens it issued outlive a restart as they would at a real IdP;
 * made afresh at every start otherwise.
 */
final class SigningKey {
  private SigningKey() {}

  static RSAKey load(Path file) throws IOException, JOSEException, ParseException {
    if (file != null && Files.exists(file)) {
      return RSAKey.parse(Files.readString(file));
    }
    var key =
        new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .keyID(UUID.randomUUID().toString())
            .generate();
    if (file != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, key.toJSONString());
      try {
        // a private key: readable by its owner only
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // a file system without POSIX permissions keeps its defaults
      }
    }
    return key;
  }
}
