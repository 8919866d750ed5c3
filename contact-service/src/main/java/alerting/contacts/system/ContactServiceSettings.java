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
    @DefaultValue Verification verification,
    @DefaultValue Topics topics,
    /*
     * What the names of this service's consumer groups start with: its instances share them, so
     * an acknowledgment or a notice is taken in once by one of them (ops/kafka/acls.txt grants
     * the default names).
     */
    @DefaultValue("contact-service") String consumerGroupPrefix) {

  /** How often requests to add a person who is not in the system yet are worked off. */
  public record Requests(@DefaultValue("500ms") Duration pollInterval) {}

  /** Publications the broker refused are retried this often, also right after start-up. */
  public record Outbox(@DefaultValue("30s") Duration retryInterval) {}

  /**
   * How long a support-access request may wait for its confirmation and signature. {@code
   * signingLinkKeys} (key id to secret, shared with the dispatcher, which seals the links with one
   * of them) open the signing links in confirmation messages; a key id no longer here refuses the
   * links sealed with it. Without any key no link signs, and contacts sign in to sign.
   */
  public record SupportAccess(
      @DefaultValue("24h") Duration confirmationTimeout,
      @DefaultValue("30s") Duration expiryCheckInterval,
      @DefaultValue java.util.Map<String, String> signingLinkKeys) {}

  /**
   * A contact method counts as verified for {@code staleAfter} after its last acknowledged
   * verification (issue #17: 180 days unless told). Each tenant is drilled once a {@code
   * schedulePeriod} (a quarter), in a slot of its own, unless {@code scheduled} is false; a slot
   * missed by more than {@code scheduleGrace} (the service was down) waits for the next period. The
   * admins of a tenant at risk are asked to review its contacts, then again after {@code
   * reviewBackoff}, doubling up to {@code reviewBackoffCap}, while it stays at risk.
   */
  public record Verification(
      @DefaultValue("180d") Duration staleAfter,
      @DefaultValue("true") boolean scheduled,
      @DefaultValue("91d") Duration schedulePeriod,
      @DefaultValue("1d") Duration scheduleGrace,
      @DefaultValue("1m") Duration scheduleCheckInterval,
      @DefaultValue("1d") Duration reviewBackoff,
      @DefaultValue("30d") Duration reviewBackoffCap,
      @DefaultValue("1h") Duration reviewCheckInterval) {}

  /** How the topics this service publishes to are created when missing. */
  public record Topics(@DefaultValue("1") short replicationFactor) {}
}
