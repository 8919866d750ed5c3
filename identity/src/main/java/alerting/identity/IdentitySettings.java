package alerting.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider's settings ({@code alerting.identity.*}): the issuer the services check, the
 * audience every access token is for, the console's client, the demo people, and where the signing
 * key is kept ({@code key-file}; none: a new key at every start).
 */
@ConfigurationProperties("alerting.identity")
public record IdentitySettings(
    String issuer,
    String audience,
    String demoPassword,
    String personClientSecret,
    ConsoleClient console,
    List<DemoPerson> people,
    Path keyFile) {

  public IdentitySettings {
    require(issuer, "alerting.identity.issuer");
    require(audience, "alerting.identity.audience");
    require(demoPassword, "alerting.identity.demo-password");
    require(personClientSecret, "alerting.identity.person-client-secret");
    people = people == null ? List.of() : List.copyOf(people);
  }

  /** The console signs people in with the authorization-code flow. */
  public record ConsoleClient(
      String clientId,
      String clientSecret,
      List<String> redirectUris,
      List<String> postLogoutRedirectUris) {
    public ConsoleClient {
      require(clientId, "alerting.identity.console.client-id");
      require(clientSecret, "alerting.identity.console.client-secret");
      redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
      postLogoutRedirectUris =
          postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
    }
  }

  /** Someone to sign in as; {@code tenant} is empty for staff (responders, support, platform). */
  public record DemoPerson(
      String id, String name, String email, String tenant, List<String> roles, String description) {
    public DemoPerson {
      require(id, "alerting.identity.people[].id");
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  Optional<DemoPerson> person(String id) {
    return people.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
