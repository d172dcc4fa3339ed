package uk.gov.hertfordshire.gateway.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes {@code /api-docs/<name>} to each service's {@code /v3/api-docs}, for the Swagger UI's list
 * of documents, through the same balancing as the routes; only where the Swagger UI is switched on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ApiDocsConfiguration.SWITCH, havingValue = "true")
class ApiDocsConfiguration {

    /** springdoc's own switch, set in the local profile only. */
    static final String SWITCH = "springdoc.swagger-ui.enabled";

    /** The document's path under {@code /api-docs/} and the service that publishes it. */
    private static final Map<String, String> DOCUMENTS =
            Map.of(
                    "cases", "case-service",
                    "content", "content-service",
                    "care", "care-service",
                    "analytics", "analytics-service");

    @Bean
    RouteLocator apiDocsRoutes(RouteLocatorBuilder routes) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        DOCUMENTS.forEach(
                (name, service) ->
                        builder.route(
                                "api-docs-" + name,
                                route ->
                                        route.path("/api-docs/" + name)
                                                .filters(filter -> filter.setPath("/v3/api-docs"))
                                                .uri("lb://" + service)));
        return builder.build();
    }

    /** The gateway's own document: its title, and none of its internal routes (fallback). */
    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Hertfordshire platform gateway")
                                .description(
                                        "The one door to the platform. It has no API of its own:"
                                                + " each service's document is listed beside this"
                                                + " one.")
                                .version("v1"));
    }
}
