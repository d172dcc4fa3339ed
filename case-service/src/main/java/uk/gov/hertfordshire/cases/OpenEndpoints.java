package uk.gov.hertfordshire.cases;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * What case-service answers without a token; everything else needs one. Open311 GeoReport v2 is
 * anonymous by the spec: its reads (civic apps list services and follow requests without
 * credentials; what a read shows is limited to public-realm requests without the reporter's
 * details, in {@code open311.Open311Requests}) and its POST, which carries the app's api_key
 * instead of a token and is refused without a valid one ({@code open311.ApiKeyFilter}).
 */
@Configuration(proxyBeanMethods = false)
class OpenEndpoints {

    @Bean
    PublicEndpoints open311Reads() {
        return PublicEndpoints.get("/open311/v2/**");
    }

    /**
     * Open311 has no PUT, PATCH or DELETE: letting them through to MVC answers 405 Method Not
     * Allowed, as for any resource, rather than a 401 suggesting a token would help. A handler
     * added here later would still need its own {@code @PreAuthorize}.
     */
    @Bean
    PublicEndpoints open311OtherMethods() {
        return new PublicEndpoints(HttpMethod.DELETE, List.of("/open311/v2/**"));
    }

    @Bean
    PublicEndpoints open311Put() {
        return new PublicEndpoints(HttpMethod.PUT, List.of("/open311/v2/**"));
    }

    @Bean
    PublicEndpoints open311Patch() {
        return new PublicEndpoints(HttpMethod.PATCH, List.of("/open311/v2/**"));
    }

    @Bean
    PublicEndpoints open311Create() {
        return PublicEndpoints.post("/open311/v2/requests.xml", "/open311/v2/requests.json");
    }
}
