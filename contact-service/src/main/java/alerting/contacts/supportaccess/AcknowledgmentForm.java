package alerting.contacts.supportaccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The implications of blocking support that the confirming contact signs. The text lives in the
 * project, versioned by file name; a signature names the version it accepted.
 */
@Component
class AcknowledgmentForm {
  static final String CURRENT_VERSION = "v1";
  private final String text;

  AcknowledgmentForm() {
    try {
      this.text =
          new ClassPathResource("support-access/disable-acknowledgment-" + CURRENT_VERSION + ".md")
              .getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the acknowledgment form " + CURRENT_VERSION + " is missing", e);
    }
  }

  String version() {
    return CURRENT_VERSION;
  }

  String text() {
    return text;
  }
}
