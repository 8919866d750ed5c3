package alerting.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

class ShippedSecretsCheckTest {
  static final String OWN_SECRET = "a-secret-of-our-own-0123456789";
  static final String SHIPPED_KEY = "local-dev-ack-link-key-change-me";
  static final String SHIPPED_TOKEN = "local-twilio-auth-token";

  @Test
  void recognisesEveryValueThisRepositoryShipsAndNoOther() {
    assertThat(ShippedSecretsCheck.isShipped(SHIPPED_KEY)).isTrue();
    assertThat(ShippedSecretsCheck.isShipped(SHIPPED_TOKEN)).isTrue();
    assertThat(ShippedSecretsCheck.isShipped(OWN_SECRET)).isFalse();
  }

  @Test
  void aMissingOrBlankSecretIsAProblemEvenForTheLocalStack() {
    for (var value : new String[] {null, "", " "}) {
      assertThat(ShippedSecretsCheck.problem("example.some.secret-key", "SOME_KEY", value, true))
          .singleElement()
          .asString()
          .contains("example.some.secret-key is not set")
          .contains("set EXAMPLE_SOME_SECRET_KEY (SOME_KEY in docker-compose's .env)");
    }
  }

  @Test
  void aShippedValueIsAProblemOutsideTheLocalStackNamingTheSwitch() {
    assertThat(ShippedSecretsCheck.problem("example.token", "TOKEN", SHIPPED_TOKEN, false))
        .singleElement()
        .asString()
        .contains("example.token is the value shipped for the local stack")
        .contains("EXAMPLE_TOKEN")
        .contains("alerting.local-defaults=true");
  }

  @Test
  void theLocalStackMayUseTheShippedValues() {
    assertThat(ShippedSecretsCheck.problem("example.token", "TOKEN", SHIPPED_TOKEN, true))
        .isEmpty();
  }

  @Test
  void aSecretOfItsOwnIsNoProblem() {
    assertThat(ShippedSecretsCheck.problem("example.token", "TOKEN", OWN_SECRET, false)).isEmpty();
  }

  @Test
  void everyProblemIsInTheOneRefusal() {
    var twoProblems =
        new ShippedSecretsCheck<List<String>>() {
          @Override
          protected List<String> problems(List<String> settings, boolean localDefaults) {
            return settings;
          }
        };
    assertThatThrownBy(() -> twoProblems.check(List.of("first problem", "second problem"), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first problem; second problem");
    assertThatCode(() -> twoProblems.check(List.of(), false)).doesNotThrowAnyException();
  }

  @Test
  void theEnvironmentVariableIsTheOneSpringBootBindsTheSettingFrom() {
    assertThat(ShippedSecretsCheck.environmentVariable("alerting.ack.twilio.auth-token"))
        .isEqualTo("ALERTING_ACK_TWILIO_AUTH_TOKEN");
  }

  @Test
  void aContextWithAShippedSecretRefusesToStartBeforeAnyBeanIsMade() {
    var made = new boolean[1];
    try (var context = context(new MockEnvironment().withProperty("example.secret", SHIPPED_KEY))) {
      context.registerBean(
          "reader",
          Object.class,
          () -> {
            made[0] = true;
            return new Object();
          });
      assertThatThrownBy(context::refresh)
          .satisfies(
              e ->
                  assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                      .hasMessageContaining(
                          "example.secret is the value shipped for the local stack"));
    }
    assertThat(made[0]).as("a bean was made before the check").isFalse();
  }

  @Test
  void aContextWithTheLocalDefaultsSwitchStartsWithTheShippedSecret() {
    try (var context =
        context(
            new MockEnvironment()
                .withProperty("example.secret", SHIPPED_KEY)
                .withProperty(ShippedSecretsCheck.LOCAL_DEFAULTS, "true"))) {
      assertThatCode(context::refresh).doesNotThrowAnyException();
    }
  }

  private static GenericApplicationContext context(MockEnvironment environment) {
    var context = new GenericApplicationContext();
    context.setEnvironment(environment);
    context.registerBean(OneSecret.class);
    return context;
  }

  /** A service whose one secret is example.secret. */
  static class OneSecret extends ShippedSecretsCheck<OneSecret.Settings> {
    @ConfigurationProperties("example")
    record Settings(String secret) {}

    @Override
    protected List<String> problems(Settings settings, boolean localDefaults) {
      return problem("example.secret", "EXAMPLE_SECRET", settings.secret(), localDefaults);
    }
  }
}
