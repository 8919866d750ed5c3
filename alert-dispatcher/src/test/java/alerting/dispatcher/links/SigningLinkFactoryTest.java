package alerting.dispatcher.links;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.system.DispatcherSettings;
import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryRequested;
import alerting.events.Severity;
import alerting.events.SigningLinks;
import alerting.events.SupportAccessChanged.Action;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SigningLinkFactoryTest {
  static final String KEY = "a-signing-link-key-of-our-own-0123456789";
  static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

  final SigningLinkFactory links =
      new SigningLinkFactory(
          new Binder(
                  new MapConfigurationPropertySource(
                      Map.of(
                          "alerting.dispatcher.links.signing-base-url",
                          "https://contacts.example/",
                          "alerting.dispatcher.links.signing-key",
                          KEY,
                          "alerting.dispatcher.links.validity",
                          "2d")))
              .bindOrCreate("alerting.dispatcher", DispatcherSettings.class),
          Clock.fixed(NOW, ZoneOffset.UTC));

  static DeliveryRequested delivery(Channel channel, Correlation correlation) {
    var brief =
        new AlertBrief(
            "sar-1",
            "acme",
            "Acme Corp",
            "c-7",
            "Ada",
            Severity.HIGH,
            "Confirm: disable Customer Support Access for Acme Corp",
            null,
            null,
            "K7QD",
            correlation);
    return DeliveryRequested.attempt(
        "a-1", 1, new ContactMethod(channel, "+14155550100"), brief, NOW);
  }

  @Test
  void aDisableConfirmationsLinkOpensUnderTheKeyAndNamesRequestContactChannelAndExpiry() {
    var link =
        links
            .signingLinkFor(
                delivery(
                    Channel.SMS,
                    Correlation.supportAccessConfirmation("sar-1", Action.DISABLE, "Lee")))
            .orElseThrow()
            .toString();

    assertThat(link).startsWith("https://contacts.example/support-access/sign/s1.");
    var token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(SigningLinks.keyId(token)).contains("s1");
    assertThat(SigningLinks.open(token, KEY.getBytes(StandardCharsets.UTF_8)))
        .contains(
            new SigningLinks.Claims("sar-1", "c-7", Channel.SMS, NOW.plus(Duration.ofDays(2))));
    assertThat(SigningLinks.open(token, "another-key".getBytes(StandardCharsets.UTF_8)))
        .as("only the signing key opens it")
        .isEmpty();
  }

  @Test
  void anIncidentAlertHasNoSigningLink() {
    assertThat(links.signingLinkFor(delivery(Channel.EMAIL, Correlation.INCIDENT))).isEmpty();
  }

  @Test
  void aReEnableConfirmationHasNoSigningLinkItIsConfirmedByPhone() {
    assertThat(
            links.signingLinkFor(
                delivery(
                    Channel.EMAIL,
                    Correlation.supportAccessConfirmation("sar-1", Action.ENABLE, "Lee"))))
        .isEmpty();
  }

  @Test
  void aConfirmationThatDoesNotSayWhatItAsksHasNoSigningLink() {
    assertThat(
            links.signingLinkFor(
                delivery(Channel.EMAIL, Correlation.supportAccessConfirmation("sar-1"))))
        .isEmpty();
  }

  @Test
  void aVerificationHasNoSigningLink() {
    assertThat(links.signingLinkFor(delivery(Channel.EMAIL, Correlation.verification("d-1"))))
        .isEmpty();
  }
}
