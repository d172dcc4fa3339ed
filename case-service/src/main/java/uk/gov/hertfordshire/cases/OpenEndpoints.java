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
 * details, in {@code open311.Open311Requests}) and its POSTs (requests, and mySociety's
 * servicerequestupdates), which carry the app's api_key instead of a token and are refused without
 * a valid one ({@code open311.ApiKeyFilter}). Every method under {@code /open311/} is let through
 * security, so what the platform does not offer there is Open311's own 404 or 405, never a 401.
 */
@Configuration(proxyBeanMethods = false)
class OpenEndpoints {

    /** Everything under Open311's root, including paths that name nothing (answered 404). */
    static final String OPEN311 = "/open311/**";

    /** Reads: anonymous by the spec (what each shows is decided by the read itself). */
    @Bean
    PublicEndpoints open311Reads() {
        return PublicEndpoints.get(OPEN311);
    }

    @Bean
    PublicEndpoints open311Heads() {
        return new PublicEndpoints(HttpMethod.HEAD, List.of(OPEN311));
    }

    /**
     * Writes carry the app's api_key instead of a token: {@code open311.ApiKeyFilter} refuses
     * {@code POST requests} and {@code POST servicerequestupdates} without a valid one, and their
     * handlers refuse anything the filter did not pass. Any other POST under {@code /open311/}
     * names no operation and is answered 404 or 405, not a 401 suggesting a token would help.
     */
    @Bean
    PublicEndpoints open311Writes() {
        return PublicEndpoints.post(OPEN311);
    }

    /**
     * Open311 has no PUT, PATCH or DELETE, and OPTIONS is answered by MVC: letting them through
     * answers 405 Method Not Allowed (or the Allow header), as for any resource, rather than a 401.
     * A handler added here later would need its own credential check.
     */
    @Bean
    PublicEndpoints open311Deletes() {
        return new PublicEndpoints(HttpMethod.DELETE, List.of(OPEN311));
    }

    @Bean
    PublicEndpoints open311Puts() {
        return new PublicEndpoints(HttpMethod.PUT, List.of(OPEN311));
    }

    @Bean
    PublicEndpoints open311Patches() {
        return new PublicEndpoints(HttpMethod.PATCH, List.of(OPEN311));
    }

    @Bean
    PublicEndpoints open311Options() {
        return new PublicEndpoints(HttpMethod.OPTIONS, List.of(OPEN311));
    }
}
