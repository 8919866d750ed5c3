package alerting.ack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.ack.AckReceiverApplication;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

/**
 * That the ack-receiver checks its own secrets (every ack-link key, the secondary token when set);
 * what counts as missing or shipped, and the local-defaults switch, are tested once in
 * shipped-secrets' ShippedSecretsCheckTest.
 */
class ShippedSecretsTest {
  static final ShippedSecrets SECRETS = new ShippedSecrets();
  static final String OWN_KEY = "an-ack-link-key-of-our-own-0123456789";
  static final String OWN_TOKEN = "a-twilio-auth-token-of-our-own";
  static final String SHIPPED_KEY = "local-dev-ack-link-key-change-me";
  static final String SHIPPED_TOKEN = "local-twilio-auth-token";

  @Test
  void refusesAMissingTwilioAuthTokenNamingTheSettingAndTheVariable() {
    assertThatThrownBy(() -> SECRETS.check(settings(Map.of("links.keys.k1", OWN_KEY)), false))
        .hasMessageContaining("alerting.ack.twilio.auth-token is not set")
        .hasMessageContaining("ALERTING_ACK_TWILIO_AUTH_TOKEN")
        .hasMessageContaining("TWILIO_AUTH_TOKEN in docker-compose's .env");
  }

  @Test
  void refusesToRunWithoutAnAckLinkKey() {
    assertThatThrownBy(() -> SECRETS.check(settings(Map.of("twilio.auth-token", OWN_TOKEN)), false))
        .hasMessageContaining("no ack-link key")
        .hasMessageContaining("ALERTING_ACK_LINKS_KEYS_K1");
  }

  @Test
  void refusesTheShippedValuesOutsideTheLocalStack() {
    assertThatThrownBy(
            () ->
                SECRETS.check(
                    settings(
                        Map.of(
                            "twilio.auth-token",
                            OWN_TOKEN,
                            "twilio.secondary-auth-token",
                            SHIPPED_TOKEN,
                            "links.keys.k1",
                            OWN_KEY,
                            "links.keys.k2",
                            SHIPPED_KEY)),
                    false))
        .hasMessageContaining(
            "alerting.ack.twilio.secondary-auth-token is the value shipped for the local stack")
        .hasMessageContaining("alerting.ack.links.keys.k2 is the value shipped for the local stack")
        .hasMessageNotContaining("keys.k1")
        .hasMessageContaining("alerting.local-defaults=true");
  }

  @Test
  void acceptsTheShippedValuesWhenTheLocalStackSaysSo() {
    assertThatCode(
            () ->
                SECRETS.check(
                    settings(
                        Map.of("twilio.auth-token", SHIPPED_TOKEN, "links.keys.k1", SHIPPED_KEY)),
                    true))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsSecretsOfItsOwn() {
    assertThatCode(
            () ->
                SECRETS.check(
                    settings(Map.of("twilio.auth-token", OWN_TOKEN, "links.keys.k1", OWN_KEY)),
                    false))
        .doesNotThrowAnyException();
  }

  @Test
  void theAckReceiverDoesNotStartWithTheShippedTwilioToken() {
    assertThatThrownBy(
            () -> {
              try (var context =
                  AckReceiverApplication.builder()
                      .run(
                          "--server.port=0",
                          "--management.server.port=0",
                          "--spring.kafka.bootstrap-servers=localhost:1",
                          "--alerting.ack.twilio.auth-token=" + SHIPPED_TOKEN,
                          "--alerting.ack.links.keys.k1=" + OWN_KEY)) {
                // started: the assertion below fails
              }
            })
        .satisfies(
            e ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                    .hasMessageContaining(
                        "alerting.ack.twilio.auth-token is the value shipped for the local stack")
                    .hasMessageContaining("ALERTING_ACK_TWILIO_AUTH_TOKEN"));
  }

  private static AckReceiverSettings settings(Map<String, String> properties) {
    var prefixed = new HashMap<String, String>();
    properties.forEach((name, value) -> prefixed.put("alerting.ack." + name, value));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("alerting.ack", AckReceiverSettings.class);
  }
}
