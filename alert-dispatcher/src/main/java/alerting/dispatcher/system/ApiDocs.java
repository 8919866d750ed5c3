package alerting.dispatcher.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description says every call needs a bearer token, so Swagger UI can send one. */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

  @Bean
  OpenAPI alertDispatcherApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("alert-dispatcher")
                .description(
                    "Incidents raised by responders and their coverage: the incident list, each incident's"
                        + " totals and tenant rows, and its alerts, a page at a time. Errors are RFC 9457 problem details;"
                        + " a 400 names the offending field or query parameter in `field` when there is one."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
