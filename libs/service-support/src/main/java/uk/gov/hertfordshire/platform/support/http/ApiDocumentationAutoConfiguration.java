package uk.gov.hertfordshire.platform.support.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * Every service publishes its OpenAPI document at {@code /v3/api-docs} (springdoc), readable
 * without a token so the gateway's Swagger UI can list it; operations need a bearer token.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDocumentationAutoConfiguration {

    static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI platformOpenApi(@Value("${spring.application.name:service}") String service) {
        return new OpenAPI()
                .info(
                        new Info()
                                .title(service)
                                .description("Hertfordshire digital services platform: " + service)
                                .version("v1"))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                // Relative, so "try it out" in the gateway's Swagger UI goes through the gateway.
                .servers(List.of(new Server().url("/")));
    }

    /** Every operation's error responses and security, as the library answers them. */
    @Bean
    ErrorResponsesCustomizer platformErrorResponses(ObjectProvider<PublicEndpoints> open) {
        return new ErrorResponsesCustomizer(open.orderedStream().toList());
    }

    @Bean
    PublicEndpoints apiDocumentation() {
        return PublicEndpoints.get("/v3/api-docs", "/v3/api-docs/**");
    }
}
