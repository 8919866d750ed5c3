package alerting.dispatcher.system;

import alerting.events.Event;
import alerting.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Events as the pipeline's JSON, and so the dispatcher's own messages (fan-out slices, which
 * carry their type id); raw bytes as they are, so a record nobody could read reaches its
 * dead-letter topic byte for byte, in the same transaction as everything else.
 */
public class EventOrBytesSerializer implements Serializer<Object> {
  @Override
  public byte[] serialize(String topic, Object value) {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    return value instanceof Event event ? EventJson.write(event) : EventJson.mapper().writeValueAsBytes(value);
  }
}
