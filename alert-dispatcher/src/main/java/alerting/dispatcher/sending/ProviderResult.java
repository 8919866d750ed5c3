package alerting.dispatcher.sending;

/** What a provider made of one send: accepted, refused for good, or worth another try. */
public sealed interface ProviderResult {
  record Accepted(String providerRef) implements ProviderResult {}

  /** Invalid number, unsubscribed, SMTP 5xx: trying again cannot help. */
  record Permanent(String reason) implements ProviderResult {}

  /** HTTP 429/5xx, SMTP 4xx, timeouts: the same send may well work later. */
  record Transient(String reason) implements ProviderResult {}
}
