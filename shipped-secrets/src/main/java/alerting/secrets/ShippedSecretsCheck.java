package alerting.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;

/**
 * Refuses start-up when a secret is missing or set to a value this repository ships: anyone can
 * read those. Only the local stack (and tests that want it) set {@code
 * alerting.local-defaults=true}, which lets the shipped values through. A service subclasses this
 * with its {@code @ConfigurationProperties} settings type and lists the secrets in them. It runs as
 * a bean factory post-processor, so the check comes before any bean is made and nothing listens or
 * reads a topic with a shipped secret.
 */
public abstract class ShippedSecretsCheck<S> implements BeanFactoryPostProcessor, EnvironmentAware {
  public static final String LOCAL_DEFAULTS = "alerting.local-defaults";

  /**
   * The SHA-256 of what the local stack and earlier versions of the config files and
   * docker-compose.yml ship: hashes, so that no shipped value is spelled out in service code, where
   * a search for default secrets finds it and someone may copy it as an example.
   */
  static final Set<String> SHIPPED_SHA256 =
      Set.of(
          "d65544b75cfbe0898d87037c48bdc600aaaa7b4ba248997fbeffc70cb97e7f79",
          "cebd180c50eb89a8260b079311e27ea7aeae0e8ee269d1b7301ece27b80782cd",
          // the local stack's signing-link key (dispatcher and contact-service)
          "738214d31a010efe17a699fedec11274e54c74fc172369dee3137020ab123b89");

  private Environment environment;

  @Override
  public final void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public final void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    check(
        Binder.get(environment).bindOrCreate(prefixOf(settingsType()), settingsType()),
        environment.getProperty(LOCAL_DEFAULTS, Boolean.class, false));
  }

  /**
   * The settings type S the service names: it is bound here, before Spring Boot binds it for the
   * beans, from the prefix of its own {@code @ConfigurationProperties}, so the two cannot disagree.
   */
  @SuppressWarnings("unchecked")
  private Class<S> settingsType() {
    return (Class<S>)
        ResolvableType.forClass(ShippedSecretsCheck.class, getClass()).resolveGeneric(0);
  }

  private static String prefixOf(Class<?> settingsType) {
    return MergedAnnotations.from(settingsType)
        .get(ConfigurationProperties.class)
        .getString("prefix");
  }

  /** Refuses the settings with every problem in one message, so that all are fixed at once. */
  public final void check(S settings, boolean localDefaults) {
    var problems = problems(settings, localDefaults);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  /** What is wrong with the service's secrets: a {@link #problem} for each, and any of its own. */
  protected abstract List<String> problems(S settings, boolean localDefaults);

  /**
   * What is wrong with one secret, if anything, naming both the variable Spring Boot binds it from
   * and the one docker-compose's .env sets, since either is where the fix goes.
   */
  protected static List<String> problem(
      String setting, String composeVariable, String value, boolean localDefaults) {
    var where =
        "set "
            + environmentVariable(setting)
            + " ("
            + composeVariable
            + " in docker-compose's .env)";
    if (value == null || value.isBlank()) {
      return List.of(setting + " is not set: " + where);
    }
    if (isShipped(value) && !localDefaults) {
      return List.of(
          setting
              + " is the value shipped for the local stack, which anyone can read: "
              + where
              + " to a secret of your own (only the local stack sets "
              + LOCAL_DEFAULTS
              + "=true)");
    }
    return List.of();
  }

  /**
   * The variable Spring Boot binds onto a setting: alerting.ack.twilio.auth-token ->
   * ALERTING_ACK_TWILIO_AUTH_TOKEN.
   */
  protected static String environmentVariable(String setting) {
    return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static boolean isShipped(String value) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return SHIPPED_SHA256.contains(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
