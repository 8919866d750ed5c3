package alerting.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/** Spring Authorization Server with the demo people as its users and clients. */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

  /**
   * The protocol endpoints (authorize, token, JWKS, discovery, userinfo, logout) and the login
   * page.
   */
  @Bean
  SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/login", "/identity.css", "/actuator/health/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(form -> form.loginPage("/login"))
        // a browser asking to authorize is sent to the login page; API clients get a 401
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
    return http.build();
  }

  @Bean
  UserDetailsService demoPeople(IdentitySettings settings) {
    return new InMemoryUserDetailsManager(
        settings.people().stream()
            .map(
                p ->
                    User.withUsername(p.id())
                        .password("{noop}" + settings.demoPassword())
                        .roles(p.roles().toArray(String[]::new))
                        .build())
            .toList());
  }

  /**
   * The console (authorization code with PKCE, confidential) and, for curl walkthroughs, one
   * client-credentials client per demo person whose client id is the person.
   */
  @Bean
  RegisteredClientRepository clients(IdentitySettings settings) {
    var console = settings.console();
    var clients = new java.util.ArrayList<RegisteredClient>();
    clients.add(
        RegisteredClient.withId("console")
            .clientId(console.clientId())
            .clientSecret("{noop}" + console.clientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .redirectUris(uris -> uris.addAll(console.redirectUris()))
            .postLogoutRedirectUris(uris -> uris.addAll(console.postLogoutRedirectUris()))
            .scopes(
                scopes ->
                    scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
            .clientSettings(
                ClientSettings.builder()
                    .requireProofKey(true)
                    .requireAuthorizationConsent(false)
                    .build())
            .tokenSettings(
                TokenSettings.builder()
                    .accessTokenTimeToLive(Duration.ofHours(1))
                    .refreshTokenTimeToLive(Duration.ofHours(12))
                    .build())
            .build());
    for (var person : settings.people()) {
      clients.add(
          RegisteredClient.withId("person-" + person.id())
              .clientId(person.id())
              .clientSecret("{noop}" + settings.personClientSecret())
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .tokenSettings(
                  TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(8)).build())
              .build());
    }
    return new FixedClients(clients);
  }

  /**
   * The in-memory repository Spring provides refuses two clients with one secret; every demo person
   * shares the demo password on purpose. Spring saves a client back when it re-encodes its secret
   * after a sign-in.
   */
  private static final class FixedClients implements RegisteredClientRepository {
    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

    FixedClients(List<RegisteredClient> clients) {
      clients.forEach(this::save);
    }

    @Override
    public void save(RegisteredClient client) {
      byId.put(client.getId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
      return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
      return byId.values().stream()
          .filter(c -> c.getClientId().equals(clientId))
          .findFirst()
          .orElse(null);
    }
  }

  /** The services fetch its public half from the JWK set, like any IdP's. */
  @Bean
  JWKSource<SecurityContext> signingKeys(IdentitySettings settings) throws Exception {
    return new ImmutableJWKSet<>(new JWKSet(SigningKey.load(settings.keyFile())));
  }

  /** Signs the tokens the server issues, and those the local stack's tests ask for. */
  @Bean
  JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
    return new NimbusJwtEncoder(keys);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
    return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
  }
}
