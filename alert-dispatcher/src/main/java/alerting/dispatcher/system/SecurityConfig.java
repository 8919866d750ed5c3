package alerting.dispatcher.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Responders authenticate with a JWT from the identity provider (JWK set or issuer under {@code
 * spring.security.oauth2.resourceserver.jwt}); its {@code roles} claim becomes ROLE_x ({@code
 * authorities-claim-name}, {@code authority-prefix} there). Raising, following up and closing an
 * incident take RESPONDER; watching its coverage, RESPONDER, SUPPORT or PLATFORM — but a token
 * carrying SUPPORT is refused the tenants that blocked support access, whatever else it carries
 * (see the coverage controller).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity // also where Boot's security auto-configuration is excluded (the local stack)
class SecurityConfig {
  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ObjectProvider<JwtDecoder> configured,
      DispatcherSettings settings,
      Environment environment)
      throws Exception {
    var decoder = Optional.ofNullable(configured.getIfAvailable()).or(() -> decoder(environment));
    // bearer tokens, no cookies: nothing for a cross-site request to ride on
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (decoder.isEmpty()) {
      if (!settings.security().anonymousResponders()) {
        throw new IllegalStateException(
            "no identity provider configured: set "
                + "spring.security.oauth2.resourceserver.jwt.jwk-set-uri (or issuer-uri); only on a "
                + "laptop set alerting.dispatcher.security.anonymous-responders=true instead");
      }
      log.warn(
          "no identity provider configured: anyone may raise incidents (anonymous-responders)");
      http.authorizeHttpRequests(r -> r.anyRequest().permitAll());
      return http.build();
    }
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/**")
                    .permitAll()
                    // an error forwarded here keeps its own status instead of becoming a 401 or 403
                    .requestMatchers("/error")
                    .permitAll()
                    // the API's description holds no tenant data; the console's authors read it
                    // without a token
                    .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/incidents",
                        "/api/incidents/*/follow-ups",
                        "/api/incidents/*/close")
                    .hasRole("RESPONDER")
                    .requestMatchers(HttpMethod.GET, "/api/incidents/**")
                    .hasAnyRole("RESPONDER", "SUPPORT", "PLATFORM")
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(server -> server.jwt(j -> j.decoder(decoder.get())));
    return http.build();
  }

  /**
   * The decoder Boot would make, for when its resource-server auto-configuration is off: it checks
   * the issuer and the audience too.
   */
  private static Optional<JwtDecoder> decoder(Environment environment) {
    var jwkSetUri =
        environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    var issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    NimbusJwtDecoder decoder;
    if (jwkSetUri != null && !jwkSetUri.isBlank()) {
      decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    } else if (issuer != null && !issuer.isBlank()) {
      decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuer);
    } else {
      return Optional.empty();
    }
    var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
    validators.add(
        issuer == null || issuer.isBlank()
            ? JwtValidators.createDefault()
            : JwtValidators.createDefaultWithIssuer(issuer));
    var audiences =
        environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences", List.class);
    if (audiences != null && !audiences.isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return Optional.of(decoder);
  }
}
