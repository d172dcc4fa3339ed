package uk.gov.hertfordshire.cases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * What case-service answers without a token; everything else needs one. Open311 GeoReport v2 reads
 * are anonymous by the spec (civic apps list services before they have an api_key). Add each new
 * Open311 read here as it lands, and only reads that show no personal data.
 */
@Configuration(proxyBeanMethods = false)
class OpenEndpoints {

    @Bean
    PublicEndpoints open311Reads() {
        return PublicEndpoints.get("/open311/v2/services.json", "/open311/v2/services.xml");
    }
}
