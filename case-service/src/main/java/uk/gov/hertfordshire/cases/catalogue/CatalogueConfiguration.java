package uk.gov.hertfordshire.cases.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/** The Open311 service list is public, as the spec intends: civic apps read it anonymously. */
@Configuration(proxyBeanMethods = false)
class CatalogueConfiguration {

    @Bean
    PublicEndpoints open311ServiceList() {
        return PublicEndpoints.get("/open311/v2/services.json", "/open311/v2/services.xml");
    }
}
