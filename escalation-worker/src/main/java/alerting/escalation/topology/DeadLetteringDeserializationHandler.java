package alerting.escalation.topology;

import alerting.events.DeadLetterReason;
import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read is sent to {@code <topic>-dlt} as the bytes it arrived as, with the
 * reason in plain words ({@link DeadLettering}, the contract every service writes), and processing
 * goes on.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log =
      LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);

  /** Streams config key under which the worker hands over its meter registry. */
  public static final String METER_REGISTRY = "alerting.meter-registry";

  private MeterRegistry meters;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(METER_REGISTRY) instanceof MeterRegistry registry) {
      this.meters = registry;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    var reason = DeadLetterReason.of(exception);
    var deadLetter =
        DeadLettering.of(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.key(),
            record.value(),
            record.headers(),
            reason,
            exception);
    log.warn(
        "Unreadable record {}-{}@{} sent to {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        deadLetter.topic(),
        reason);
    DeadLettering.counted(meters, record.topic());
    return Response.resume(List.of(deadLetter));
  }
}
