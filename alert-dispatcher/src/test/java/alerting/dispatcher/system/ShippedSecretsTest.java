package alerting.dispatcher.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import alerting.dispatcher.DispatcherApplication;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

/**
 * That the dispatcher checks its own secrets; what counts as missing or shipped, and the
 * local-defaults switch, are tested once in shipped-secrets' ShippedSecretsCheckTest.
 */
class ShippedSecretsTest {
  static final ShippedSecrets SECRETS = new ShippedSecrets();
  static final String OWN_KEY = "an-ack-link-key-of-our-own-0123456789";
  static final String OWN_TOKEN = "a-twilio-auth-token-of-our-own";
  static final String OWN_SIGNING_KEY = "a-signing-link-key-of-our-own-0123456789";

  @Test
  void refusesAMissingAckLinkKeyNamingTheSettingAndTheVariable() {
    assertThatThrownBy(() -> SECRETS.check(settings(null, OWN_SIGNING_KEY, OWN_TOKEN), false))
        .hasMessageContaining("alerting.dispatcher.links.key is not set")
        .hasMessageContaining("ALERTING_DISPATCHER_LINKS_KEY")
        .hasMessageContaining("ACK_LINK_KEY");
  }

  @Test
  void refusesAMissingSigningLinkKeyNamingTheSettingAndTheVariable() {
    assertThatThrownBy(() -> SECRETS.check(settings(OWN_KEY, null, OWN_TOKEN), false))
        .hasMessageContaining("alerting.dispatcher.links.signing-key is not set")
        .hasMessageContaining("ALERTING_DISPATCHER_LINKS_SIGNING_KEY")
        .hasMessageContaining("SIGNING_LINK_KEY");
  }

  @Test
  void refusesAMissingTwilioAuthTokenNamingTheSettingAndTheVariable() {
    assertThatThrownBy(() -> SECRETS.check(settings(OWN_KEY, OWN_SIGNING_KEY, null), false))
        .hasMessageContaining("alerting.dispatcher.twilio.auth-token is not set")
        .hasMessageContaining("ALERTING_DISPATCHER_TWILIO_AUTH_TOKEN");
  }

  @Test
  void refusesTheShippedValuesOutsideTheLocalStack() {
    assertThatThrownBy(
            () ->
                SECRETS.check(
                    settings(
                        "local-dev-ack-link-key-change-me",
                        "local-dev-signing-link-key-change-me",
                        "local-twilio-auth-token"),
                    false))
        .hasMessageContaining(
            "alerting.dispatcher.links.key is the value shipped for the local stack")
        .hasMessageContaining(
            "alerting.dispatcher.links.signing-key is the value shipped for the local stack")
        .hasMessageContaining(
            "alerting.dispatcher.twilio.auth-token is the value shipped for the local stack")
        .hasMessageContaining("alerting.local-defaults=true");
  }

  @Test
  void acceptsTheShippedValuesWhenTheLocalStackSaysSo() {
    assertThatCode(
            () ->
                SECRETS.check(
                    settings(
                        "local-dev-ack-link-key-change-me",
                        "local-dev-signing-link-key-change-me",
                        "local-twilio-auth-token"),
                    true))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsSecretsOfItsOwn() {
    assertThatCode(() -> SECRETS.check(settings(OWN_KEY, OWN_SIGNING_KEY, OWN_TOKEN), false))
        .doesNotThrowAnyException();
  }

  @Test
  void theDispatcherDoesNotStartWithTheShippedSecrets() {
    assertThatThrownBy(
            () -> {
              try (var context =
                  DispatcherApplication.builder()
                      .run(
                          "--server.port=0",
                          "--management.server.port=0",
                          "--spring.kafka.bootstrap-servers=localhost:1",
                          "--alerting.dispatcher.security.anonymous-responders=true",
                          "--alerting.dispatcher.links.key=local-dev-ack-link-key-change-me",
                          "--alerting.dispatcher.links.signing-key=" + OWN_SIGNING_KEY,
                          "--alerting.dispatcher.twilio.auth-token=" + OWN_TOKEN)) {
                // started: the assertion below fails
              }
            })
        .satisfies(
            e ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                    .hasMessageContaining(
                        "alerting.dispatcher.links.key is the value shipped for the local stack")
                    .hasMessageContaining("ALERTING_DISPATCHER_LINKS_KEY"));
  }

  private static DispatcherSettings settings(String key, String signingKey, String token) {
    var properties = new HashMap<String, String>();
    if (key != null) {
      properties.put("alerting.dispatcher.links.key", key);
    }
    if (signingKey != null) {
      properties.put("alerting.dispatcher.links.signing-key", signingKey);
    }
    if (token != null) {
      properties.put("alerting.dispatcher.twilio.auth-token", token);
    }
    return new Binder(new MapConfigurationPropertySource(Map.copyOf(properties)))
        .bindOrCreate("alerting.dispatcher", DispatcherSettings.class);
  }
}
