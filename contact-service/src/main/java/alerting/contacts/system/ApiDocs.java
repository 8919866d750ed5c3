package alerting.contacts.system;

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
  OpenAPI contactServiceApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("contact-service")
                .description(
                    "Tenants' security contacts, change history, in-product notices and Customer Support Access."
                        + " Errors are RFC 9457 problem details; a 400 names the offending input in `field` when there is one."))
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
