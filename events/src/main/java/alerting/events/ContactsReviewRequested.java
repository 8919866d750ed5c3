package alerting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant is at risk (issue #17): no Primary Security contact with a verified method, or only one
 * verified channel. contact-service asks the tenant's admins to review their security contacts, by
 * email and in-product banner, and asks again with back-off ({@code reminder} counts from 1) until
 * the risks are gone. {@code risks} and {@code staleMethods} are in words an admin reads; {@code
 * notifyEmails} are the admins' addresses, fixed when it was published. Published on {@code
 * contacts.reviews.v1}, keyed by tenant id.
 */
@JsonTypeName("contacts-review-requested.v1")
public record ContactsReviewRequested(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String tenantName,
    int reminder,
    List<String> risks,
    List<String> staleMethods,
    List<String> notifyEmails)
    implements Event {
  public ContactsReviewRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.positive(reminder, "reminder");
    risks = List.copyOf(Require.notEmpty(risks, "risks"));
    staleMethods = staleMethods == null ? List.of() : List.copyOf(staleMethods);
    notifyEmails = notifyEmails == null ? List.of() : List.copyOf(notifyEmails);
  }

  @Override
  public String key() {
    return tenantId;
  }
}
