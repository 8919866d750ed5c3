package alerting.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON format of the pipeline. Readers ignore fields they don't know, because events only
 * ever gain fields; times are ISO-8601 strings so any client can read them.
 */
public final class EventJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();
  // built once: a writer per call costs a lookup on every one of the hot path's records
  private static final ObjectWriter WRITER = MAPPER.writerFor(Event.class);

  private EventJson() {}

  /**
   * The same format for a service's own messages that are not events (the dispatcher's fan-out
   * slices).
   */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Event event) {
    return WRITER.writeValueAsBytes(event);
  }

  public static String writeString(Event event) {
    return WRITER.writeValueAsString(event);
  }

  /** A service's own record that holds events (a state store's value), in this same format. */
  public static byte[] writeValue(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Reads back what {@link #writeValue} wrote, the events inside exactly as they travel. */
  public static <T> T readValue(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  /** Reads any event; fails with a message naming what is wrong when the JSON is not one. */
  public static Event read(byte[] json) {
    return MAPPER.readValue(json, Event.class);
  }

  public static <E extends Event> E read(byte[] json, Class<E> type) {
    var event = read(json);
    if (!type.isInstance(event)) {
      throw new IllegalArgumentException(
          "expected " + type.getSimpleName() + " but got " + event.getClass().getSimpleName());
    }
    return type.cast(event);
  }
}
