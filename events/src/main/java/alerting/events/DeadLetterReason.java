package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Why a record went to its dead-letter topic, in words a person can act on (the field, its value,
 * the rule broken) rather than the name of the exception that noticed. Every service writes it in
 * the {@link #HEADER} of its dead letters; docs/dead-letters.md lists what it can say.
 */
public final class DeadLetterReason {
  /** The reason, UTF-8. */
  public static final String HEADER = "alerting-dlt-reason";

  /** Where the record was read: {@code topic-partition@offset}, UTF-8. */
  public static final String ORIGIN_HEADER = "alerting-dlt-origin";

  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\((?:start marker )?at \\[Source:.*?\\]\\)|\\s*\\[Source:.*?\\]");
  private static final Pattern REQUIRE =
      Pattern.compile("^([A-Za-z][\\w.]*) ((?:is required|must ).*)$");

  private DeadLetterReason() {}

  /** The reason for a failure: the first JSON problem in its causes, else the innermost message. */
  public static String of(Throwable failure) {
    for (var cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof JacksonException json) {
        return ofJson(json);
      }
    }
    var innermost = failure;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    var message = innermost.getMessage();
    return message == null || message.isBlank()
        ? "failed with " + innermost.getClass().getSimpleName()
        : firstLine(message);
  }

  /** Tenants that were still unknown when the wait for their contact snapshots ran out. */
  public static String unknownTenants(Collection<String> tenantIds, Duration waited) {
    var names = tenantIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    return (tenantIds.size() == 1 ? "tenant " : "tenants ")
        + names
        + " unknown after waiting "
        + (waited.toMillis() % 1000 == 0 ? waited.toSeconds() + " s" : waited.toMillis() + " ms");
  }

  public static byte[] bytes(String reason) {
    return (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
  }

  private static String ofJson(JacksonException e) {
    if (e instanceof InvalidTypeIdException type) {
      return type.getTypeId() == null || type.getTypeId().isBlank()
          ? "value names no event type (field 'type' is missing)"
          : "unknown event type '" + type.getTypeId() + "'";
    }
    if (e instanceof ValueInstantiationException invalid) {
      var rule =
          invalid.getCause() == null ? e.getOriginalMessage() : invalid.getCause().getMessage();
      var matcher = REQUIRE.matcher(rule == null ? "" : rule);
      var said =
          matcher.matches()
              ? "field " + matcher.group(1) + ": " + matcher.group(2)
              : firstLine(rule);
      return said + typeOf(invalid.getType() == null ? null : invalid.getType().getRawClass());
    }
    if (e instanceof InvalidFormatException format) {
      var target = format.getTargetType();
      var rule =
          target != null && target.isEnum()
              ? "is not one of "
                  + Arrays.stream(target.getEnumConstants())
                      .map(Object::toString)
                      .collect(Collectors.joining(", "))
              : "is not a valid " + (target == null ? "value" : target.getSimpleName());
      return "field " + path(e) + ": value '" + format.getValue() + "' " + rule;
    }
    if (e instanceof MismatchedInputException mismatch) {
      var message = clean(e.getOriginalMessage());
      if (message.toLowerCase(Locale.ROOT).contains("no content")) {
        return "value is empty";
      }
      return e.getPath().isEmpty()
          ? "value is not an event object (" + message + ")"
          : "field " + path(e) + ": " + message;
    }
    if (e instanceof StreamReadException read) {
      var at =
          read.getLocation() == null || read.getLocation().getLineNr() < 0
              ? ""
              : " at line "
                  + read.getLocation().getLineNr()
                  + ", column "
                  + read.getLocation().getColumnNr();
      return "value is not valid JSON (" + clean(read.getOriginalMessage()) + at + ")";
    }
    var where = e.getPath().isEmpty() ? "value" : "field " + path(e);
    return where + " cannot be read: " + clean(e.getOriginalMessage());
  }

  private static String typeOf(Class<?> type) {
    var name = type == null ? null : type.getAnnotation(JsonTypeName.class);
    return name == null ? "" : " (" + name.value() + ")";
  }

  private static String path(JacksonException e) {
    var path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(unnamed)" : path.toString();
  }

  /** Jackson's words without where in the source buffer they were said, starting lower-case. */
  private static String clean(String message) {
    var text =
        firstLine(SOURCE.matcher(message == null ? "" : message).replaceAll(""))
            .replace("end-of-input", "end of input")
            .trim();
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    var end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).trim();
  }
}
