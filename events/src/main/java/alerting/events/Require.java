package alerting.events;

import java.util.Collection;
import java.util.Objects;

/** Compact-constructor checks, so an invalid event can never be built, sent or read. */
final class Require {
  private Require() {}

  static <T> T present(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " is required");
  }

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required and must not be blank");
    }
    return value;
  }

  static <C extends Collection<?>> C notEmpty(C value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return value;
  }

  static int positive(int value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
    return value;
  }
}
