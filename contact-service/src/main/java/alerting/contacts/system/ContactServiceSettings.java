package alerting.contacts.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything contact-service can be configured with ({@code alerting.contacts.*}). */
@ConfigurationProperties("alerting.contacts")
public record ContactServiceSettings(
    @DefaultValue("US") String defaultPhoneRegion,
    @DefaultValue Topics topics) {

  /** How the topics this service publishes to are created when missing. */
  public record Topics(@DefaultValue("1") short replicationFactor) {}
}
