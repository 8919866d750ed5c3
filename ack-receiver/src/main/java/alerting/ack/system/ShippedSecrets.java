package alerting.ack.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start without an ack-link key and a Twilio auth token, or with a value this
 * repository ships: anyone can read those, and with them forge ack links and keypress webhooks.
 * Only the local stack (and tests that want it) set {@code alerting.local-defaults=true}, which
 * lets the shipped values through. Checked before any bean is made, so
 * nothing listens with them.
 */
@Component
class ShippedSecrets implements BeanFactoryPostProcessor, EnvironmentAware {
  static final String LOCAL_DEFAULTS = "alerting.local-defaults";
  /**
   * The SHA-256 of what the local stack and earlier versions of the config files and
   * docker-compose.yml ship: hashes, so that no shipped value is spelled out in service code,
   * where a search for default secrets finds it and someone may copy it as an example.
   */
  static final Set<String> SHIPPED_SHA256 = Set.of(
      "d65544b75cfbe0898d87037c48bdc600aaaa7b4ba248997fbeffc70cb97e7f79",
      "cebd180c50eb89a8260b079311e27ea7aeae0e8ee269d1b7301ece27b80782cd");

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(Binder.get(environment).bindOrCreate("alerting.ack", AckReceiverSettings.class),
        environment.getProperty(LOCAL_DEFAULTS, Boolean.class, false));
  }

  static void check(AckReceiverSettings settings, boolean localDefaults) {
    var problems = new ArrayList<String>();
    var twilio = settings.twilio();
    problems.addAll(problem("alerting.ack.twilio.auth-token", "TWILIO_AUTH_TOKEN", twilio.authToken(), localDefaults));
    if (twilio.secondaryAuthToken() != null && !twilio.secondaryAuthToken().isBlank()) {
      problems.addAll(problem("alerting.ack.twilio.secondary-auth-token", "TWILIO_AUTH_TOKEN",
          twilio.secondaryAuthToken(), localDefaults));
    }
    var keys = settings.links().keys();
    if (keys.isEmpty()) {
      problems.add("no ack-link key (alerting.ack.links.keys.*) is set: set ALERTING_ACK_LINKS_KEYS_K1 "
          + "(ACK_LINK_KEY in docker-compose's .env), the key the dispatcher signs with");
    }
    keys.forEach((id, key) -> problems.addAll(
        problem("alerting.ack.links.keys." + id, "ACK_LINK_KEY", key, localDefaults)));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  private static List<String> problem(String setting, String composeVariable, String value, boolean localDefaults) {
    var where = "set " + environmentVariable(setting) + " (" + composeVariable + " in docker-compose's .env)";
    if (value == null || value.isBlank()) {
      return List.of(setting + " is not set: " + where);
    }
    if (isShipped(value) && !localDefaults) {
      return List.of(setting + " is the value shipped for the local stack, which anyone can read: " + where
          + " to a secret of your own (only the local stack sets " + LOCAL_DEFAULTS + "=true)");
    }
    return List.of();
  }

  /** The variable Spring Boot binds onto a setting: alerting.ack.twilio.auth-token -> ALERTING_ACK_TWILIO_AUTH_TOKEN. */
  static String environmentVariable(String setting) {
    return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static boolean isShipped(String value) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return SHIPPED_SHA256.contains(java.util.HexFormat.of().formatHex(digest));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
