package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.UUID;

/**
 * A support-access confirmation is over (confirmed by one contact, cancelled or expired): its
 * alerts still open close and no further attempt is made. On {@code
 * support-access.confirmations.v1}, keyed by the request id.
 */
@JsonTypeName("confirmation-closed.v1")
public record ConfirmationClosed(UUID eventId, Instant occurredAt, String requestId, String reason)
    implements Event {
  public ConfirmationClosed {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(requestId, "requestId");
    Require.text(reason, "reason");
  }

  @Override
  public String key() {
    return requestId;
  }
}
