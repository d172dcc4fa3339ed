package uk.gov.hertfordshire.cases.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * {@code GET /api/catalogue/services} is read without a token: citizens choose a service before
 * they sign in. An anonymous caller sees only what citizens can request online (see {@code
 * CatalogueController}, ADR 8).
 */
@Configuration(proxyBeanMethods = false)
class CatalogueConfiguration {

    @Bean
    PublicEndpoints catalogueReads() {
        return PublicEndpoints.get("/api/catalogue/services", "/api/catalogue/services/*");
    }
}
