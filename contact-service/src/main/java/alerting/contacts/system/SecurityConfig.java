package alerting.contacts.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call carries a JWT from the identity provider (JWK set or issuer configured under
 * {@code spring.security.oauth2.resourceserver.jwt}); its {@code roles} claim becomes ROLE_x
 * ({@code authorities-claim-name}, {@code authority-prefix} there). Tenant provisioning is for the
 * platform role only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
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
                    // a signing link is its own proof: sealed, for one contact and one request
                    .requestMatchers("/support-access/sign/*")
                    .permitAll()
                    .requestMatchers("/internal/**")
                    .hasRole("PLATFORM")
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
        // bearer tokens, no cookies: nothing for a cross-site request to ride on
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
