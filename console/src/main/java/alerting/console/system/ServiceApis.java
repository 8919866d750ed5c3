package alerting.console.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * One client per service, each sending the signed-in person's access token (refreshed when it
 * expires), so the services decide what this person may see and do, never the console.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceApis {
  /** The identity provider's registration in {@code spring.security.oauth2.client}. */
  public static final String REGISTRATION = "alerting";

  @Bean
  OAuth2AuthorizedClientManager authorizedClients(
      ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorized) {
    var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
    return manager;
  }

  @Bean
  ContactServiceApi contactService(
      RestClient.Builder builder, ConsoleSettings settings, OAuth2AuthorizedClientManager clients) {
    return new ContactServiceApi(client(builder, settings.contactServiceUrl(), clients));
  }

  @Bean
  DispatcherApi dispatcher(
      RestClient.Builder builder, ConsoleSettings settings, OAuth2AuthorizedClientManager clients) {
    return new DispatcherApi(client(builder, settings.dispatcherUrl(), clients));
  }

  private static RestClient client(
      RestClient.Builder builder, String baseUrl, OAuth2AuthorizedClientManager clients) {
    var relay = new OAuth2ClientHttpRequestInterceptor(clients);
    relay.setClientRegistrationIdResolver(request -> REGISTRATION);
    return builder
        .clone()
        .baseUrl(baseUrl)
        .requestInterceptor(relay)
        .defaultStatusHandler(status -> status.isError(), ServiceProblem::from)
        .build();
  }

  /** contact-service's API as the console uses it. */
  public record ContactServiceApi(RestClient http) {}

  /** alert-dispatcher's API as the console uses it. */
  public record DispatcherApi(RestClient http) {}
}
