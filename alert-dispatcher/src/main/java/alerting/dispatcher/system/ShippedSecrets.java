package alerting.dispatcher.system;

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
 * Refuses to start with the ack-link key or the Twilio auth token missing, or set to a value
 * this repository ships: anyone can read those, and with them forge ack links and Twilio calls.
 * Only the local stack (and tests that want it) set {@code alerting.local-defaults=true}, which
 * lets the shipped values through. Checked before any bean is made, since
 * some read their topics as they are made.
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
    check(Binder.get(environment).bindOrCreate("alerting.dispatcher", DispatcherSettings.class),
        environment.getProperty(LOCAL_DEFAULTS, Boolean.class, false));
  }

  static void check(DispatcherSettings settings, boolean localDefaults) {
    var problems = new ArrayList<String>();
    problems.addAll(problem("alerting.dispatcher.links.key", "ACK_LINK_KEY", settings.links().key(), localDefaults));
    problems.addAll(problem("alerting.dispatcher.twilio.auth-token", "TWILIO_AUTH_TOKEN",
        settings.twilio().authToken(), localDefaults));
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

  /** The variable Spring Boot binds onto a setting: alerting.dispatcher.links.key -> ALERTING_DISPATCHER_LINKS_KEY. */
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
