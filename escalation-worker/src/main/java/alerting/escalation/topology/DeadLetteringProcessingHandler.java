package alerting.escalation.topology;

import alerting.events.DeadLetterReason;
import alerting.kafka.DeadLettering;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws is sent to {@code <topic>-dlt} as the bytes it arrived as, with
 * the reason in plain words, and the task goes on with the next record: without this the stream
 * thread dies, is replaced, reads the same record again and dies again, and every alert of its
 * partitions waits. Whatever the processor wrote or forwarded for that record before it threw is
 * kept. A failing punctuation has no record to set aside, so it still fails the thread.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);
  private MeterRegistry meters;

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(DeadLetteringDeserializationHandler.METER_REGISTRY)
        instanceof MeterRegistry registry) {
      this.meters = registry;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (context.topic() == null) {
      log.error("Escalation punctuation failed in task {}", context.taskId(), exception);
      return Response.fail();
    }
    // the record itself was readable: say so, as the exception alone reads like a bug report
    var reason = "processing failed: " + DeadLetterReason.of(exception);
    var deadLetter =
        DeadLettering.of(
            context.topic(),
            context.partition(),
            context.offset(),
            context.timestamp(),
            context.sourceRawKey(),
            context.sourceRawValue(),
            context.headers(),
            reason,
            exception);
    log.warn(
        "Record {}-{}@{} failed in {} and was sent to {}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        deadLetter.topic(),
        reason,
        exception);
    DeadLettering.counted(meters, context.topic());
    return Response.resume(List.of(deadLetter));
  }
}
