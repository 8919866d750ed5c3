package alerting.console.system;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/** Times and durations as people read them; templates call it as {@code @fmt}. */
@Component("fmt")
public class Formats {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** An ISO-8601 duration ("PT1M2.5S") or seconds as a number, as "1 min 3 s"; "–" when absent. */
  public String duration(Object value) {
    var d = toDuration(value);
    if (d == null) {
      return "–";
    }
    var seconds = Math.round(d.toMillis() / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }

  public String when(Object value) {
    if (value == null) {
      return "–";
    }
    try {
      return WHEN.format(value instanceof Instant i ? i : Instant.parse(value.toString()));
    } catch (DateTimeParseException e) {
      return value.toString();
    }
  }

  /** Human words for the services' enum names: PRIMARY_SECURITY → Primary security. */
  public String words(Object value) {
    if (value == null) {
      return "";
    }
    var text = value.toString().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Duration toDuration(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    }
    try {
      return Duration.parse(value.toString());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
