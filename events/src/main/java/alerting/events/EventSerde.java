package alerting.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (de)serializers for {@link Event} values in the pipeline's JSON format. */
public final class EventSerde implements Serde<Event> {

  public static final class EventSerializer implements Serializer<Event> {
    @Override
    public byte[] serialize(String topic, Event event) {
      return event == null ? null : EventJson.write(event);
    }
  }

  /** Tombstones (null) stay null: compacted topics use them to delete a key. */
  public static final class EventDeserializer implements Deserializer<Event> {
    @Override
    public Event deserialize(String topic, byte[] data) {
      return data == null ? null : EventJson.read(data);
    }
  }

  @Override
  public Serializer<Event> serializer() {
    return new EventSerializer();
  }

  @Override
  public Deserializer<Event> deserializer() {
    return new EventDeserializer();
  }
}
