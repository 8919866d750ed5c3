package alerting.contacts.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything contact-service can be configured with ({@code alerting.contacts.*}). */
@ConfigurationProperties("alerting.contacts")
public record ContactServiceSettings(
    @DefaultValue("US") String defaultPhoneRegion,
    @DefaultValue("65536") int maxRequestBytes,
    @DefaultValue Requests requests,
    @DefaultValue Outbox outbox,
    @DefaultValue SupportAccess supportAccess,
    @DefaultValue Topics topics) {

  /** How often requests to add a person who is not in the system yet are worked off. */
  public record Requests(@DefaultValue("500ms") Duration pollInterval) {}

  /** Publications the broker refused are retried this often, besides at every start. */
  public record Outbox(@DefaultValue("30s") Duration retryInterval) {}

  /** How long a support-access request may wait for its confirmation and signature. */
  public record SupportAccess(
      @DefaultValue("24h") Duration confirmationTimeout,
      @DefaultValue("30s") Duration expiryCheckInterval) {}

  /** How the topics this service publishes to are created when missing. */
  public record Topics(@DefaultValue("1") short replicationFactor) {}
}
