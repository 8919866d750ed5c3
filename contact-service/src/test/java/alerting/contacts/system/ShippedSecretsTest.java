package alerting.contacts.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** contact-service's own secret: the signing-link keys (what counts as shipped is tested once). */
class ShippedSecretsTest {
  static final ShippedSecrets SECRETS = new ShippedSecrets();
  static final String SHIPPED = "local-dev-signing-link-key-change-me";

  @Test
  void refusesTheShippedSigningLinkKeyOutsideTheLocalStackNamingTheVariable() {
    assertThatThrownBy(() -> SECRETS.check(settings(Map.of("s1", SHIPPED)), false))
        .hasMessageContaining(
            "alerting.contacts.support-access.signing-link-keys.s1 is the value shipped")
        .hasMessageContaining("SIGNING_LINK_KEY");
    assertThatCode(() -> SECRETS.check(settings(Map.of("s1", SHIPPED)), true))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAKeyOfItsOwnAndNoKeyAtAllWhenLinksAreNotUsed() {
    assertThatCode(
            () ->
                SECRETS.check(settings(Map.of("s1", "a-signing-key-of-our-own-0123456789")), false))
        .doesNotThrowAnyException();
    assertThatCode(() -> SECRETS.check(settings(Map.of()), false)).doesNotThrowAnyException();
  }

  private static ContactServiceSettings settings(Map<String, String> keys) {
    var properties = new java.util.HashMap<String, String>();
    keys.forEach(
        (id, key) ->
            properties.put("alerting.contacts.support-access.signing-link-keys." + id, key));
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("alerting.contacts", ContactServiceSettings.class);
  }
}
