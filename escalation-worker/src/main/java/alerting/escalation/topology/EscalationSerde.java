package alerting.escalation.topology;

import alerting.escalation.policy.Escalation;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The alert store's value format: the worker's own record, in the pipeline's JSON style. */
final class EscalationSerde implements Serde<Escalation> {
  // Same settings as EventJson, so the nested events read back exactly as they travel.
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();

  @Override
  public Serializer<Escalation> serializer() {
    return (topic, value) -> value == null ? null : MAPPER.writeValueAsBytes(value);
  }

  @Override
  public Deserializer<Escalation> deserializer() {
    return (topic, bytes) -> bytes == null ? null : MAPPER.readValue(bytes, Escalation.class);
  }
}
