package alerting.escalation.topology;

import alerting.escalation.policy.Escalation;
import alerting.events.EventJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The alert store's value format: the worker's own record, in the pipeline's JSON ({@link
 * EventJson}).
 */
final class EscalationSerde implements Serde<Escalation> {

  @Override
  public Serializer<Escalation> serializer() {
    return (topic, value) -> value == null ? null : EventJson.writeValue(value);
  }

  @Override
  public Deserializer<Escalation> deserializer() {
    return (topic, bytes) -> bytes == null ? null : EventJson.readValue(bytes, Escalation.class);
  }
}
