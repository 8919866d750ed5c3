package alerting.localinfra;

/**
 * What one stand-in provider API answered so far: {@code accepted} requests (Twilio 201, SMTP 250)
 * and {@code throttled} ones refused for the configured rate (Twilio 429, SMTP 451). Failures
 * injected with {@code failNext} and requests rejected as invalid are in neither.
 */
public record ProviderCounts(long accepted, long throttled) {
  /** What happened after {@code earlier} was read, e.g. during one phase of a benchmark. */
  public ProviderCounts since(ProviderCounts earlier) {
    return new ProviderCounts(accepted - earlier.accepted, throttled - earlier.throttled);
  }
}
