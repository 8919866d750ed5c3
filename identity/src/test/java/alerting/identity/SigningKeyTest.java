package alerting.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

  @Test
  void aKeptKeyIsTheSameKeyAfterARestart(@TempDir Path dir) throws Exception {
    var file = dir.resolve("identity/signing-key.json");
    var first = SigningKey.load(file);
    var again = SigningKey.load(file);
    assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
    assertThat(again.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void withoutAFileEveryStartMakesANewKey() throws Exception {
    assertThat(SigningKey.load(null).getKeyID()).isNotEqualTo(SigningKey.load(null).getKeyID());
  }
}
