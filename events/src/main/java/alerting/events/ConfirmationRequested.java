package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Asks named contacts, through the alert pipeline, to confirm something done in their name (a
 * Customer Support Access change). Each contact gets an alert that must be acknowledged, only on
 * the allowed channels; its alert id is {@code AlertIds.forRecipient(requestId, tenantId,
 * contactId)} and each alert's brief carries the correlation {@code SUPPORT_ACCESS_CONFIRMATION}
 * with the request id. Published on {@code support-access.confirmations.v1}, keyed by the request
 * id.
 *
 * <p>{@code action}, {@code requestedBy} and {@code expiresAt} (added later, absent on older
 * records) say what is asked, by whom, and until when it may be confirmed and signed: the messages
 * say it in their own words, and a signing link lives no longer than its request.
 */
@JsonTypeName("confirmation-requested.v1")
public record ConfirmationRequested(
    UUID eventId,
    Instant occurredAt,
    String requestId,
    String tenantId,
    List<String> contactIds,
    Set<Channel> channels,
    String title,
    String summary,
    SupportAccessChanged.Action action,
    String requestedBy,
    Instant expiresAt)
    implements Event {
  /** A confirmation as first published, before it said what was asked and by whom. */
  public ConfirmationRequested(
      UUID eventId,
      Instant occurredAt,
      String requestId,
      String tenantId,
      List<String> contactIds,
      Set<Channel> channels,
      String title,
      String summary) {
    this(
        eventId,
        occurredAt,
        requestId,
        tenantId,
        contactIds,
        channels,
        title,
        summary,
        null,
        null,
        null);
  }

  public ConfirmationRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(requestId, "requestId");
    Require.text(tenantId, "tenantId");
    contactIds = List.copyOf(Require.notEmpty(contactIds, "contactIds"));
    channels = Set.copyOf(Require.notEmpty(channels, "channels"));
    Require.text(title, "title");
  }

  @Override
  public String key() {
    return requestId;
  }
}
