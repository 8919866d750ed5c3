package alerting.escalation.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The worker's own {@code AckTimeoutScheduled} records, marked by a header: the worker sets the
 * timer in the transaction that writes the record, so when the record comes back through the topic
 * it changes nothing (EscalationPolicy: "our own schedule coming back"). The read horizon therefore
 * does not wait for a task to read them back; without that, every escalation added a record to an
 * input partition that the task had to read — a commit interval and a fetch later — before any
 * later timer could fire.
 */
final class OwnSchedules {
  static final String HEADER = "alerting-scheduled-by";
  private static final byte[] WORKER = "escalation-worker".getBytes(StandardCharsets.UTF_8);

  private OwnSchedules() {}

  static Headers mark(Headers headers) {
    headers.remove(HEADER);
    headers.add(HEADER, WORKER);
    return headers;
  }

  static boolean isOwn(Headers headers) {
    var header = headers.lastHeader(HEADER);
    return header != null && java.util.Arrays.equals(header.value(), WORKER);
  }
}
