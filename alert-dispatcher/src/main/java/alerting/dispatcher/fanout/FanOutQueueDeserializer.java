package alerting.dispatcher.fanout;

import alerting.events.EventJson;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads the fan-out queues: the dispatcher's own {@link FanOutBatchQueued}, or an event (a
 * confirmation waiting for its tenant). Anything else fails as {@link EventJson#read} says, so it
 * is dead-lettered with the same reasons as on any other topic.
 */
public class FanOutQueueDeserializer implements Deserializer<Object> {
  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return isSlice(data)
        ? EventJson.mapper().readValue(data, FanOutBatchQueued.class)
        : EventJson.read(data);
  }

  private static boolean isSlice(byte[] data) {
    try {
      var type = EventJson.mapper().readTree(data).get("type");
      return type != null && type.isString() && FanOutBatchQueued.TYPE.equals(type.asString());
    } catch (JacksonException unreadable) {
      return false;
    }
  }
}
